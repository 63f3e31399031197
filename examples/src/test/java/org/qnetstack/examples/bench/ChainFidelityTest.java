package org.qnetstack.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Scenario 4's correctness: the delivered true fidelity of a 5-node swap-ASAP chain equals the swap formula
 * applied to the links' Werner pairs with every qubit's storage decay (SwapLedger), within 3 standard errors.
 */
class ChainFidelityTest {
    @Test
    void deliveredFidelityMatchesTheSwapFormulaWithTheWaiting() {
        BenchScenarios.ChainRun r = BenchScenarios.chain(5, 300, 11, true);
        double diff = r.meanDelivered() - r.meanPredicted();
        assertTrue(Math.abs(diff) <= 3 * r.standardError() + BenchScenarios.ChainRun.MODEL_TOLERANCE,
                "delivered " + r.meanDelivered() + " ± " + r.standardError() + ", predicted " + r.meanPredicted());
        assertTrue(r.matches());
        // The waiting matters: without it the formula (0.6731) lies many standard errors above what is delivered.
        double w = (4 * BenchScenarios.CHAIN_LINK_FIDELITY - 1) / 3;
        double noWaiting = (3 * Math.pow(w, 4) + 1) / 4;
        assertTrue(noWaiting - r.meanDelivered() > 10 * r.standardError(),
                "the storage decay should be visible: " + r.meanDelivered() + " vs " + noWaiting);
        // Pair by pair the prediction differs from the truth only by which BSM outcomes came up (amplitude
        // damping is not exactly a Pauli channel): O(γ) with γ ≈ 1e-2 at most.
        for (int i = 0; i < r.pairs(); i++) {
            assertEquals(r.predicted()[i], r.delivered()[i], 5e-3, "pair " + i);
        }
    }

    @Test
    void decayOfAWernerPairMatchesPhysicsReference() {
        double t = 2e9;
        SwapLedger ledger = new SwapLedger(new NoTruth(), t, t);
        // docs/physics.md: Φ+ with both qubits stored for s, same T1, T2: F = ¼[1 + g² + (1−g)²] + ½·e^(−2s/T2).
        double s = 0.3e9;
        double g = 1 - Math.exp(-s / t);
        double[] phi = ledger.decayed(new double[] {1, 0, 0, 0}, s, s);
        assertEquals(0.25 * (1 + g * g + (1 - g) * (1 - g)) + 0.5 * Math.exp(-2 * s / t), phi[0], 1e-15);
        assertEquals(1, phi[0] + phi[1] + phi[2] + phi[3], 1e-15);
        // With T1 = T2 the memory's twirl is depolarising: w(t) = w0·e^(−ta/τ − tb/τ) up to O(γ²).
        double w0 = (4 * 0.9 - 1) / 3;
        double[] werner = {(1 - w0) / 4, (1 - w0) / 4, w0 + (1 - w0) / 4, (1 - w0) / 4};
        double ta = 5e6;
        double tb = 9e6;
        double[] d = ledger.decayed(werner, ta, tb);
        double wt = w0 * Math.exp(-ta / t - tb / t);
        assertEquals((3 * wt + 1) / 4, d[2], 1e-5);
        // A swap of two Werner pairs: F = F1F2 + (1−F1)(1−F2)/3, 0.9 and 0.9 → 0.8133 (docs/physics.md).
        double[] rel = {werner[2], werner[3], werner[0], werner[1]};
        assertEquals(0.8133, SwapLedger.xorConvolve(rel, rel)[0], 5e-5);
        assertArrayEquals(new double[] {1, 0, 0, 0}, SwapLedger.xorConvolve(new double[] {1, 0, 0, 0},
                new double[] {1, 0, 0, 0}), 0);
    }

    /** The decay formulas need no simulator: a truth that accepts a watcher and answers nothing else. */
    private static final class NoTruth implements org.qnetstack.hal.GroundTruth {
        @Override
        public double[] densityMatrix(org.qnetstack.hal.QubitAddress... qubits) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double bellFidelity(org.qnetstack.hal.QubitAddress a, org.qnetstack.hal.QubitAddress b, int i) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.List<org.qnetstack.hal.QubitAddress> partners(org.qnetstack.hal.QubitAddress qubit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double fidelity(org.qnetstack.hal.QubitAddress qubit, double[] pureState) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void watch(org.qnetstack.hal.StateWatcher watcher) {
        }
    }
}
