package org.qnetstack.examples;

import org.apache.commons.statistics.distribution.BetaDistribution;

/** The few statistics the examples report. */
public final class Statistics {
    /** Two-sided 95%. */
    public static final double CONFIDENCE = 0.95;

    private Statistics() {
    }

    /** Binary entropy h(p) in bits. */
    public static double binaryEntropy(double p) {
        if (p <= 0 || p >= 1) {
            return 0;
        }
        return -p * log2(p) - (1 - p) * log2(1 - p);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Clopper–Pearson (exact) interval for a binomial proportion k/n at {@link #CONFIDENCE}: {low, high}. */
    public static double[] clopperPearson(long k, long n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double a = (1 - CONFIDENCE) / 2;
        double low = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1).inverseCumulativeProbability(a);
        double high = k == n ? 1 : BetaDistribution.of(k + 1, n - k).inverseCumulativeProbability(1 - a);
        return new double[] {low, high};
    }

    /** Mean and the half-width of its 95% interval (normal approximation): {mean, halfWidth}. */
    public static double[] meanWithHalfWidth(double[] values) {
        double[] m = meanWithStandardError(values);
        return new double[] {m[0], 1.959964 * m[1]};
    }

    /** Mean and its standard error s/√n (s the sample standard deviation; 0 for one value): {mean, error}. */
    public static double[] meanWithStandardError(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        var = n > 1 ? var / (n - 1) : 0;
        return new double[] {mean, Math.sqrt(var / n)};
    }
}
