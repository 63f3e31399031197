package org.qnetstack.apps.qkd.internal;

/**
 * Word-level operations on bits packed little-endian into {@code long[]}: bit {@code i} is bit
 * {@code i & 63} of word {@code i >>> 6}. Everything above the logical length is kept zero by the callers,
 * so whole-word popcounts and equality need no masking.
 */
public final class Bits {
    private Bits() {
    }

    public static int words(int length) {
        return (length + 63) >>> 6;
    }

    public static boolean get(long[] words, int i) {
        return (words[i >>> 6] >>> i & 1L) != 0;
    }

    public static void flip(long[] words, int i) {
        words[i >>> 6] ^= 1L << i;
    }

    public static void set(long[] words, int i) {
        words[i >>> 6] |= 1L << i;
    }

    /** Parity of bits [from, to): whole words by popcount, so a Cascade block costs size/64 operations. */
    public static int parity(long[] words, int from, int to) {
        if (from >= to) {
            return 0;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long lowMask = -1L << from;
        long highMask = -1L >>> (63 - ((to - 1) & 63));
        if (first == last) {
            return Long.bitCount(words[first] & lowMask & highMask) & 1;
        }
        long acc = words[first] & lowMask;
        for (int w = first + 1; w < last; w++) {
            acc ^= words[w];
        }
        acc ^= words[last] & highMask;
        return Long.bitCount(acc) & 1;
    }

    /** {@code bits[order[0]], bits[order[1]], ...} packed: a permuted or selected copy. */
    public static long[] gather(long[] bits, int[] order) {
        long[] out = new long[words(order.length)];
        for (int i = 0; i < order.length; i++) {
            int j = order[i];
            out[i >>> 6] |= (bits[j >>> 6] >>> j & 1L) << i;
        }
        return out;
    }

    /** Zeroes the bits at and above {@code length} in the last word, restoring the class invariant. */
    public static void clearTail(long[] words, int length) {
        if ((length & 63) != 0) {
            words[words.length - 1] &= -1L >>> (64 - (length & 63));
        }
    }
}
