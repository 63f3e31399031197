package org.qnetstack.apps.qkd.internal;

/**
 * Arithmetic in GF(2^64) with the irreducible pentanomial x^64 + x^4 + x^3 + x + 1, the field of the
 * polynomial verification hash. A shift-and-add multiply is enough: verification hashes one key once.
 */
public final class Gf64 {
    /** x^4 + x^3 + x + 1: what x^64 reduces to. */
    static final long REDUCTION = 0x1BL;

    private Gf64() {
    }

    public static long multiply(long a, long b) {
        long product = 0;
        long shifted = a;
        for (int i = 0; i < 64; i++) {
            // Branch-free: add `shifted` when bit i of b is set, then multiply `shifted` by x and reduce.
            product ^= shifted & -((b >>> i) & 1L);
            shifted = (shifted << 1) ^ ((shifted >> 63) & REDUCTION);
        }
        return product;
    }
}
