package org.qnetstack.sim.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Worked values of physics.md for the single-click scheme. */
class SingleClickModelTest {

    @Test
    void probabilitiesOfAllPatternsSumToOne() {
        SingleClickModel.Outcomes o = SingleClickModel.attempt(0.1, 0.2, 0.3, 0.05, 0.01, 0.8, false);
        double total = 0;
        for (int p = 0; p < 4; p++) {
            total += o.probability(p);
        }
        assertEquals(1.0, total, 1e-12);
    }

    @Test
    void successProbabilityIsTwoAlphaEtaForSmallEta() {
        // physics.md: η = 1e-3, α = 0.1 → p = 2.0e-4 (to first order in η)
        double p = SingleClickModel.successProbability(0.1, 1e-3, 0, 1);
        assertEquals(2.0e-4, p, 2.0e-4 * 1e-3);
    }

    @Test
    void heraldedFidelityIsOneMinusAlphaTimesVisibilityFactor() {
        // physics.md: α = 0.1, V = 1 → F = 0.900; V = 0.9 → F = 0.877 (η → 0)
        assertEquals(0.900, SingleClickModel.heraldedFidelity(0.1, 1e-7, 0, 1.0), 5e-4);
        assertEquals((1 - 0.1) * (1 + Math.sqrt(0.9)) / 2, SingleClickModel.heraldedFidelity(0.1, 1e-7, 0, 0.9), 5e-4);
        assertEquals(0.877, SingleClickModel.heraldedFidelity(0.1, 1e-7, 0, 0.9), 5e-4);
    }

    @Test
    void detectorZeroHeraldsPsiPlusAndDetectorOnePsiMinus() {
        SingleClickModel.Outcomes o = SingleClickModel.attempt(0.1, 0.1, 1e-3, 1e-3, 0, 1, false);
        double[] d0 = o.unnormalisedState(SingleClickModel.D0);
        double[] d1 = o.unnormalisedState(SingleClickModel.D1);
        assertEquals(1.0, d0[4 + 2] / d0[4 + 1], 1e-12);   // +coherence: Ψ+
        assertEquals(-1.0, d1[4 + 2] / d1[4 + 1], 1e-12);  // −coherence: Ψ−
    }

    @Test
    void darkCountsAloneHeraldTheNoPhotonState() {
        SingleClickModel.Outcomes o = SingleClickModel.attempt(0, 0, 0.5, 0.5, 0.01, 1, false);
        assertEquals(0.01 * 0.99, o.probability(SingleClickModel.D0), 1e-15);
        assertEquals(o.probability(SingleClickModel.D0), o.unnormalisedState(SingleClickModel.D0)[0], 1e-15);
    }

    @Test
    void idealLosslessLinkHeraldsWithProbabilityTwoAlphaMinusBunching() {
        // η = 1: one bright spin always clicks; both bright bunch onto one detector (V = 1).
        double alpha = 0.25;
        double p = SingleClickModel.successProbability(alpha, 1, 0, 1);
        assertEquals(2 * alpha * (1 - alpha) + alpha * alpha, p, 1e-12);
    }

    @Test
    void losslessNumberResolvingDetectionHeraldsPerfectPairs() {
        SingleClickModel.Outcomes o = SingleClickModel.attempt(0.5, 0.5, 1, 1, 0, 1, true);
        double[] rho = o.unnormalisedState(SingleClickModel.D0);
        double p = o.probability(SingleClickModel.D0);
        assertEquals(0.25, p, 1e-12);
        assertEquals(1.0, (rho[5] + rho[10] + rho[6] + rho[9]) / 2 / p, 1e-12);
    }
}
