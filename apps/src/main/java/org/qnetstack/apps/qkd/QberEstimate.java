package org.qnetstack.apps.qkd;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * What parameter estimation learned from the revealed sample: the observed QBER with its exact
 * (Clopper–Pearson) interval, which describes the sample, and the finite-size upper bound on the QBER of
 * the bits that were not revealed, which is what the secure length and the abort decision use.
 *
 * @param sampleBits       bits revealed and compared
 * @param sampleErrors     of those, how many differed
 * @param remainingBits    bits kept for the key
 * @param qber             sampleErrors / sampleBits (0 for an empty sample)
 * @param clopperPearson   two-sided interval of the sample's QBER at {@code confidence}
 * @param confidence       of that interval, e.g. 0.95
 * @param upperBound       bound on the remaining bits' QBER, failing with probability {@code epsilon}
 * @param bound            how {@code upperBound} was computed
 * @param epsilon          ε_PE
 */
public record QberEstimate(int sampleBits, int sampleErrors, int remainingBits, double qber, Interval clopperPearson,
                           double confidence, double upperBound, QberBound bound, double epsilon) {

    /** A closed interval [low, high]. */
    public record Interval(double low, double high) {
        public Interval {
            if (!(low <= high)) {
                throw new IllegalArgumentException("empty interval [" + low + ", " + high + "]");
            }
        }

        public boolean contains(double x) {
            return low <= x && x <= high;
        }
    }

    /** Estimates from a sample: the point value, its Clopper–Pearson interval and the bound for the rest. */
    public static QberEstimate of(int sampleBits, int sampleErrors, int remainingBits, double epsilon, QberBound bound,
                                  double confidence) {
        double upper = bound.upper(sampleBits, sampleErrors, remainingBits, epsilon);
        double qber = sampleBits == 0 ? 0 : (double) sampleErrors / sampleBits;
        return new QberEstimate(sampleBits, sampleErrors, remainingBits, qber,
                clopperPearson(sampleErrors, sampleBits, confidence), confidence, upper, bound, epsilon);
    }

    /**
     * The Clopper–Pearson ("exact") two-sided interval for a binomial proportion with {@code successes} out
     * of {@code trials}: the α/2 and 1−α/2 quantiles of Beta(k, n−k+1) and Beta(k+1, n−k), α = 1 − confidence
     * (C. J. Clopper and E. S. Pearson, Biometrika 26, 404, 1934). [0, 1] for no trials.
     */
    public static Interval clopperPearson(int successes, int trials, double confidence) {
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " successes in " + trials + " trials");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        if (trials == 0) {
            return new Interval(0, 1);
        }
        double alpha = 1 - confidence;
        double low = successes == 0 ? 0
                : BetaDistribution.of(successes, trials - successes + 1).inverseCumulativeProbability(alpha / 2);
        double high = successes == trials ? 1
                : BetaDistribution.of(successes + 1, trials - successes).inverseCumulativeProbability(1 - alpha / 2);
        return new Interval(low, high);
    }
}
