package org.qnetstack.apps.qkd.internal;

/**
 * SplitMix64 (Steele, Lea and Flood, OOPSLA 2014), written out rather than borrowed from the JDK because
 * both parties must derive the same Cascade permutations from a shared seed on any JVM and any version:
 * the JDK's generators do not promise a fixed sequence. Not for secrets; only for public shuffles.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Uniform in [0, bound) for bound ≤ 2^31 by scaling 31 random bits (Lemire's multiply-shift without the
     * rejection step): the bias is below bound/2^31 per draw, irrelevant for a public shuffle and, more
     * importantly, the same on both sides.
     */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** A Fisher–Yates shuffle of 0..n−1 from this generator. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
