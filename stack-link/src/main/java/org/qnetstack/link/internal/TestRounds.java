package org.qnetstack.link.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.link.FidelityEstimate;

/**
 * The master's test rounds on one link: the counts per α (pairs made at one α share their fidelity) and the kept
 * test pairs measured at the master, each waiting for the other end's outcome. That outcome is sent once; a test
 * pair whose outcome does not come within the retention is forgotten, its round not counted.
 */
final class TestRounds {
    /** Confidence of the test rounds' fidelity intervals. */
    static final double CONFIDENCE = 0.95;

    /** A kept test pair measured here, waiting for the other end's outcome. */
    record Pending(double alpha, int bellIndex, Basis basis, int outcome, long atNanos) {
    }

    private final DoubleUnaryOperator modelFidelity;
    private final long retentionNanos;
    private final Map<Double, FidelityEstimator> estimators = new HashMap<>();
    /** By station sequence number, which grows with time: the oldest first. */
    private final TreeMap<Long, Pending> pending = new TreeMap<>();

    /**
     * @param modelFidelity  the link model's heralded fidelity at α, the estimate's prior
     * @param retentionNanos how long a measured test pair waits for the other end's outcome
     */
    TestRounds(DoubleUnaryOperator modelFidelity, long retentionNanos) {
        this.modelFidelity = modelFidelity;
        this.retentionNanos = retentionNanos;
    }

    /** The estimate for pairs made at α: the model's value alone before any round at that α. */
    FidelityEstimate estimate(double alpha) {
        FidelityEstimator e = estimators.get(alpha);
        return e != null ? e.estimate(CONFIDENCE)
                : new FidelityEstimator(alpha, modelFidelity.applyAsDouble(alpha)).estimate(CONFIDENCE);
    }

    /** Counts a round whose outcomes at both ends are known, and returns the estimate at α now. */
    FidelityEstimate record(double alpha, int bellIndex, Basis basis, int outcomeHere, int outcomeThere) {
        FidelityEstimator estimator = estimators.computeIfAbsent(alpha,
                a -> new FidelityEstimator(a, modelFidelity.applyAsDouble(a)));
        estimator.record(bellIndex, basis, outcomeHere, outcomeThere);
        return estimator.estimate(CONFIDENCE);
    }

    /** A kept test pair was measured here; its round counts once the other end's outcome comes. */
    void measuredHere(long seq, Pending test) {
        pending.put(seq, test);
    }

    /** The test pair of this herald waiting for the other end's outcome, taken out; null if there is none. */
    @Nullable Pending takePending(long seq) {
        return pending.remove(seq);
    }

    /** Forgets the test pairs whose outcome has not come within the retention (it was lost). */
    void forgetLost(long nowNanos) {
        while (!pending.isEmpty() && nowNanos - pending.firstEntry().getValue().atNanos() >= retentionNanos) {
            pending.pollFirstEntry();
        }
    }

    int pending() {
        return pending.size();
    }

    /** The peer is gone, or the link closes: no outcome will come. The counts stay. */
    void forgetPending() {
        pending.clear();
    }
}
