package org.qnetstack.apps.qkd.internal;

/** Binary entropy, shared by the secure-length formula and the reconciliation efficiency. */
public final class Entropy {
    private Entropy() {
    }

    /** h(p) = −p log2 p − (1−p) log2(1−p) in bits; 0 at the ends, h(1/2) = 1. */
    public static double binary(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -(p * Math.log(p) + (1 - p) * Math.log1p(-p)) / Math.log(2);
    }

    public static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
