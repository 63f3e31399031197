package org.qnetstack.apps.qkd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InternalTest {
    /** The reference splitmix64.c, seeded with 0, starts with these outputs. */
    @Test
    void splitMixMatchesTheReferenceSequence() {
        SplitMix64 g = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, g.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, g.nextLong());
    }

    @Test
    void gf64IsAField() {
        SplittableRandom random = new SplittableRandom(1);
        for (int t = 0; t < 1000; t++) {
            long a = random.nextLong();
            long b = random.nextLong();
            long c = random.nextLong();
            assertEquals(Gf64.multiply(a, b), Gf64.multiply(b, a));
            assertEquals(Gf64.multiply(a, b ^ c), Gf64.multiply(a, b) ^ Gf64.multiply(a, c));
            assertEquals(Gf64.multiply(Gf64.multiply(a, b), c), Gf64.multiply(a, Gf64.multiply(b, c)));
            assertEquals(a, Gf64.multiply(a, 1));
        }
        // Frobenius: x^(2^64) = x in GF(2^64), while x^(2^32) ≠ x (no subfield of degree 32 contains x).
        long x = 2;
        long y = x;
        for (int i = 0; i < 64; i++) {
            y = Gf64.multiply(y, y);
            if (i == 31) {
                assertNotEquals(x, y);
            }
        }
        assertEquals(x, y);
    }

    @Test
    void binaryEntropy() {
        assertEquals(1, Entropy.binary(0.5), 1e-15);
        assertEquals(0, Entropy.binary(0));
        assertEquals(0.468996, Entropy.binary(0.1), 1e-6);
        assertEquals(Entropy.binary(0.2), Entropy.binary(0.8), 1e-15);
    }
}
