package org.qnetstack.link.internal;

import org.qnetstack.hal.Basis;
import org.qnetstack.link.FidelityEstimate;
import org.qnetstack.link.PauliErrorCounts;

/**
 * Counts test rounds of the pairs made at one α ({@link PauliErrorCounts}: per Pauli basis, how many test pairs
 * were measured in it at both ends and how many gave the correlation their heralded Bell state does not). See
 * {@link FidelityEstimate} for how the interval is made.
 */
final class FidelityEstimator {
    private final double alpha;
    private final double model;
    private final PauliErrorCounts counts = new PauliErrorCounts();

    FidelityEstimator(double alpha, double model) {
        this.alpha = alpha;
        this.model = model;
    }

    /** One test round: both ends measured their half of a pair heralded in {@code bellIndex} in {@code basis}. */
    void record(int bellIndex, Basis basis, int outcomeHere, int outcomeThere) {
        counts.record(bellIndex, basis, outcomeHere, outcomeThere);
    }

    long testRounds() {
        return counts.samples();
    }

    FidelityEstimate estimate(double confidence) {
        long n = counts.samples();
        if (n == 0) {
            return new FidelityEstimate(alpha, model, 0, 0, model, 0, 1, confidence);
        }
        double[] f = counts.fidelity(confidence);
        return new FidelityEstimate(alpha, model, n, counts.errors(), f[0], f[1], f[2], confidence);
    }
}
