package org.qnetstack.link.internal;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.qnetstack.hal.Basis;
import org.qnetstack.link.FidelityEstimate;

/**
 * Counts test rounds of the pairs made at one α: per Pauli basis, how many test pairs were measured in it at
 * both ends and how many gave the correlation their heralded Bell state does not. See
 * {@link FidelityEstimate} for how the interval is made.
 */
final class FidelityEstimator {
    private final double alpha;
    private final double model;
    private final long[] rounds = new long[3];
    private final long[] errors = new long[3];

    FidelityEstimator(double alpha, double model) {
        this.alpha = alpha;
        this.model = model;
    }

    /**
     * The sign of ⟨P⊗P⟩ in Bell state {@code bellIndex} (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−): outcomes agree (+1) or
     * differ (−1) when both ends measure in P.
     */
    static int correlation(int bellIndex, Basis basis) {
        return switch (basis) {
            case X -> bellIndex == 0 || bellIndex == 2 ? 1 : -1;
            case Y -> bellIndex == 1 || bellIndex == 2 ? 1 : -1;
            case Z -> bellIndex <= 1 ? 1 : -1;
        };
    }

    /** One test round: both ends measured their half of a pair heralded in {@code bellIndex} in {@code basis}. */
    void record(int bellIndex, Basis basis, int outcomeHere, int outcomeThere) {
        int sign = (outcomeHere ^ outcomeThere) == 0 ? 1 : -1;
        rounds[basis.ordinal()]++;
        if (sign != correlation(bellIndex, basis)) {
            errors[basis.ordinal()]++;
        }
    }

    long testRounds() {
        return rounds[0] + rounds[1] + rounds[2];
    }

    FidelityEstimate estimate(double confidence) {
        long n = testRounds();
        long e = errors[0] + errors[1] + errors[2];
        if (n == 0) {
            return new FidelityEstimate(alpha, model, 0, 0, model, 0, 1, confidence);
        }
        double perBasis = 1 - (1 - confidence) / 3;
        double[] point = new double[3];
        double[] low = new double[3];
        double[] high = new double[3];
        double sampledPoint = 0;
        int sampled = 0;
        for (int b = 0; b < 3; b++) {
            if (rounds[b] > 0) {
                point[b] = (double) errors[b] / rounds[b];
                double[] ci = clopperPearson(errors[b], rounds[b], perBasis);
                low[b] = ci[0];
                high[b] = ci[1];
                sampledPoint += point[b];
                sampled++;
            }
        }
        for (int b = 0; b < 3; b++) {
            if (rounds[b] == 0) {
                // Unsampled: Bell-diagonal states obey e_P ≤ e_Q + e_R; the point assumes a Werner-like
                // state (all three equal).
                point[b] = sampledPoint / sampled;
                low[b] = 0;
                high[b] = sampled == 2 ? Math.min(1, high[(b + 1) % 3] + high[(b + 2) % 3]) : 1;
            }
        }
        double estimate = 1 - (point[0] + point[1] + point[2]) / 2;
        double lower = Math.max(0, 1 - (high[0] + high[1] + high[2]) / 2);
        double upper = Math.min(1, 1 - (low[0] + low[1] + low[2]) / 2);
        return new FidelityEstimate(alpha, model, n, e, estimate, lower, upper, confidence);
    }

    /**
     * The Clopper–Pearson two-sided interval for {@code k} successes in {@code n} trials: the α/2 and 1−α/2
     * quantiles of Beta(k, n−k+1) and Beta(k+1, n−k), α = 1 − confidence.
     */
    static double[] clopperPearson(long k, long n, double confidence) {
        double a = 1 - confidence;
        double low = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1).inverseCumulativeProbability(a / 2);
        double high = k == n ? 1 : BetaDistribution.of(k + 1, n - k).inverseCumulativeProbability(1 - a / 2);
        return new double[] {low, high};
    }
}
