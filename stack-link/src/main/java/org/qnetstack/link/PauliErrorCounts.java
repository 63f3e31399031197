package org.qnetstack.link;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.qnetstack.hal.Basis;

/**
 * Test measurements of pairs, counted per Pauli basis: how many pairs both ends measured in that basis, and how
 * many of them gave the correlation their Bell state does not (an error). From these counts the fidelity of
 * Bell-diagonal pairs follows, F = 1 − (e_X + e_Y + e_Z)/2 (docs/physics.md, "Measured fidelity"), with a
 * confidence interval: one two-sided Clopper–Pearson interval per basis, each at confidence
 * 1 − (1 − {@code confidence})/3, so that by the union bound the three hold together at {@code confidence}; the
 * fidelity interval takes the worst and best error rates of the three. A basis without samples is bounded by the
 * other two (Bell-diagonal states obey e_P ≤ e_Q + e_R), and its point estimate is their mean (a Werner-like
 * state). The link layer's test rounds and the network layer's end-to-end test pairs both count here.
 *
 * <p>Not thread-safe: one event loop owns each instance.
 */
public final class PauliErrorCounts {
    private final long[] rounds = new long[3];
    private final long[] errors = new long[3];

    /**
     * The sign of ⟨P⊗P⟩ in Bell state {@code bellIndex} (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−): outcomes agree (+1) or
     * differ (−1) when both ends measure in P.
     */
    public static int correlation(int bellIndex, Basis basis) {
        return switch (basis) {
            case X -> bellIndex == 0 || bellIndex == 2 ? 1 : -1;
            case Y -> bellIndex == 1 || bellIndex == 2 ? 1 : -1;
            case Z -> bellIndex <= 1 ? 1 : -1;
        };
    }

    /** One test: both ends measured their half of a pair in Bell state {@code bellIndex} in {@code basis}. */
    public void record(int bellIndex, Basis basis, int outcomeHere, int outcomeThere) {
        int sign = (outcomeHere ^ outcomeThere) == 0 ? 1 : -1;
        rounds[basis.ordinal()]++;
        if (sign != correlation(bellIndex, basis)) {
            errors[basis.ordinal()]++;
        }
    }

    /** Tests counted, in all bases. */
    public long samples() {
        return rounds[0] + rounds[1] + rounds[2];
    }

    /** Tests that disagreed with their Bell state, in all bases. */
    public long errors() {
        return errors[0] + errors[1] + errors[2];
    }

    /**
     * The fidelity the counts show: {point, lower, upper}, the interval at {@code confidence} (union bound over the
     * three bases, see the class comment); {NaN, 0, 1} without any sample.
     */
    public double[] fidelity(double confidence) {
        if (samples() == 0) {
            return new double[] {Double.NaN, 0, 1};
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
                point[b] = sampledPoint / sampled;
                low[b] = 0;
                high[b] = sampled == 2 ? Math.min(1, high[(b + 1) % 3] + high[(b + 2) % 3]) : 1;
            }
        }
        double estimate = 1 - (point[0] + point[1] + point[2]) / 2;
        double lower = Math.max(0, 1 - (high[0] + high[1] + high[2]) / 2);
        double upper = Math.min(1, 1 - (low[0] + low[1] + low[2]) / 2);
        return new double[] {estimate, lower, upper};
    }

    /**
     * The Clopper–Pearson two-sided interval for {@code k} successes in {@code n} trials, {lower, upper}: the α/2
     * quantile of Beta(k, n−k+1) and the 1−α/2 quantile of Beta(k+1, n−k), α = 1 − confidence (0 for k = 0, 1 for
     * k = n).
     *
     * @throws IllegalArgumentException unless 0 ≤ k ≤ n, n ≥ 1 and confidence in (0, 1)
     */
    public static double[] clopperPearson(long k, long n, double confidence) {
        if (n < 1 || k < 0 || k > n || !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("need 0 ≤ k ≤ n, n ≥ 1, confidence in (0, 1) (k " + k + ", n " + n
                    + ", confidence " + confidence + ")");
        }
        double a = 1 - confidence;
        double low = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1).inverseCumulativeProbability(a / 2);
        double high = k == n ? 1 : BetaDistribution.of(k + 1, n - k).inverseCumulativeProbability(1 - a / 2);
        return new double[] {low, high};
    }
}
