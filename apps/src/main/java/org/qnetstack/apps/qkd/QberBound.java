package org.qnetstack.apps.qkd;

import org.apache.commons.statistics.distribution.HypergeometricDistribution;

/**
 * How the QBER of the unrevealed bits is bounded from a random sample. Both treat the errors of all
 * N = k + m sifted bits as fixed (chosen by an adversary before the sample) and the sample of k bits as
 * drawn uniformly without replacement, which is the situation of a QKD security proof; the bound on the
 * m remaining bits fails with probability at most ε.
 */
public enum QberBound {
    /**
     * Serfling's tail inequality for sampling without replacement (R. J. Serfling, Ann. Statist. 2, 39,
     * 1974), as used in finite-key BB84 analyses (M. Tomamichel, C. C. W. Lim, N. Gisin and R. Renner,
     * Nat. Commun. 3, 634, 2012): Q_rest ≤ e/k + μ with
     * <pre>
     * μ = min( sqrt(N (m+1) ln(1/ε) / (2 k m²)), sqrt(N (k+1) ln(1/ε) / (2 m k²)) ).
     * </pre>
     * The second term is Tomamichel et al.'s μ (theirs reads sqrt((n+k)/(nk)·(k+1)/k·ln(2/ε_sec)) with n = m,
     * the same bound at ε = (ε_sec/2)²); the first applies Serfling to the sample instead of to the rest and
     * is the smaller one whenever m > k. Both are fixed before the data are seen, so taking the smaller
     * keeps the failure probability at ε. Closed form: the default.
     */
    SERFLING {
        @Override
        public double upper(int sampleBits, int sampleErrors, int remainingBits, double epsilon) {
            validate(sampleBits, sampleErrors, remainingBits, epsilon);
            if (sampleBits == 0) {
                return 1;
            }
            double n = (double) sampleBits + remainingBits;
            double k = sampleBits;
            double m = remainingBits;
            double log = Math.log(1 / epsilon);
            double muSample = Math.sqrt(n * (m + 1) * log / (2 * k * m * m));
            double muRest = Math.sqrt(n * (k + 1) * log / (2 * m * k * k));
            return Math.min(1, sampleErrors / k + Math.min(muSample, muRest));
        }
    },
    /**
     * The exact (Neyman) bound from the hypergeometric distribution: the largest total number of errors E
     * for which seeing at most e errors in the sample still has probability above ε, so
     * Q_rest ≤ (E_max − e)/m. Tighter than Serfling (no tail inequality), by a binary search over E.
     */
    HYPERGEOMETRIC {
        @Override
        public double upper(int sampleBits, int sampleErrors, int remainingBits, double epsilon) {
            validate(sampleBits, sampleErrors, remainingBits, epsilon);
            if (sampleBits == 0) {
                return 1;
            }
            int population = sampleBits + remainingBits;
            // P(X ≤ e | E) falls as E grows, so the plausible E form an interval [e, E_max].
            int low = sampleErrors;
            int high = sampleErrors + remainingBits;
            while (low < high) {
                int mid = low + (high - low + 1) / 2;
                double p = HypergeometricDistribution.of(population, mid, sampleBits)
                        .cumulativeProbability(sampleErrors);
                if (p > epsilon) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return (double) (low - sampleErrors) / remainingBits;
        }
    };

    /**
     * An upper bound on the error rate of the {@code remainingBits} unrevealed bits, given
     * {@code sampleErrors} errors among {@code sampleBits} revealed ones, failing with probability at most
     * {@code epsilon}. 1 when nothing was sampled.
     */
    public abstract double upper(int sampleBits, int sampleErrors, int remainingBits, double epsilon);

    private static void validate(int sampleBits, int sampleErrors, int remainingBits, double epsilon) {
        if (sampleBits < 0 || sampleErrors < 0 || sampleErrors > sampleBits) {
            throw new IllegalArgumentException(sampleErrors + " errors in a sample of " + sampleBits + " bits");
        }
        if (remainingBits < 1) {
            throw new IllegalArgumentException("no remaining bits to bound (" + remainingBits + ")");
        }
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("failure probability must be in (0, 1): " + epsilon);
        }
    }
}
