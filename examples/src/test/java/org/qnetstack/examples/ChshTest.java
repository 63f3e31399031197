package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * CHSH on measure-directly pairs with per-side settings drawn by the link layer: S = 2√2 on the ideal
 * device, 2√2·w on a Werner link, each within 3σ (σ from the rounds per setting pair); the QBER of the Z–Z
 * rounds within 3 binomial standard deviations of the pair's.
 */
class ChshTest {
    @Test
    void idealPairsReachTsirelsonsBoundAndADeviceIndependentKey() {
        ChshExample.Result r = ChshExample.run(new ExampleOptions(3L, ExamplesAcceptanceTest.ideal(), false, 3000));
        assertEquals(1500, r.keyRounds());
        assertEquals(2 * Math.sqrt(2), r.predictedS(), 1e-12);
        assertEquals(r.predictedS(), r.s(), 3 * r.sSigma());
        assertEquals(0.0, r.qber());
        assertEquals(ChshExample.deviceIndependentRate(r.s(), r.qber()), r.deviceIndependentRate());
        assertTrue(r.deviceIndependentRateWorstCase() > 0, "S − 3σ = " + r.sLow() + " still allows a key");
        assertTrue(r.sLow() < r.s() && r.s() < r.sHigh());
    }

    @Test
    void wernerPairsGiveTwoRootTwoTimesTheirWeight() {
        ChshExample.Result r = ChshExample.run(new ExampleOptions(4L, "classpath:networks/two-nodes-generic.yaml",
                false, 3000, 0.8));
        double w = (4 * 0.8 - 1) / 3;
        assertEquals(2 * Math.sqrt(2) * w, r.predictedS(), 1e-9);
        assertEquals(r.predictedS(), r.s(), 3 * r.sSigma());
        double q = (1 - w) / 2;
        assertEquals(q, r.predictedQber(), 1e-9);
        assertEquals(q, r.qber(), 3 * Math.sqrt(q * (1 - q) / r.keyRounds()));
        assertEquals(0.0, r.deviceIndependentRate(), "S ≈ 2.07 is too close to 2 for a device-independent key");
        assertEquals(0.0, r.deviceIndependentRateWorstCase());
    }

    /** r = 1 − h(Q) − h((1 + √((S/2)² − 1))/2): 1 at Tsirelson's bound without errors, 0 at S ≤ 2. */
    @Test
    void deviceIndependentRateFollowsAcinEtAl() {
        assertEquals(1.0, ChshExample.deviceIndependentRate(2 * Math.sqrt(2), 0), 1e-12);
        assertEquals(1.0, ChshExample.deviceIndependentRate(3.0, 0), 1e-12, "S is capped at 2√2");
        assertEquals(0.0, ChshExample.deviceIndependentRate(2.0, 0));
        assertEquals(0.0, ChshExample.deviceIndependentRate(1.5, 0));
        // S = 2.7, Q = 1%: √(1.35² − 1) = 0.90692, h(0.95346) = 0.27151, h(0.01) = 0.08079.
        assertEquals(0.64769, ChshExample.deviceIndependentRate(2.7, 0.01), 1e-5);
        assertEquals(0.0, ChshExample.deviceIndependentRate(2.1, 0.05), "h((1+0.32)/2) = 0.92 leaves nothing");
    }

    /**
     * On NV devices (7% readout error on |0⟩, rotation noise) the pair alone predicts S ≈ 2.0 while the run
     * measures about 1.7: the prediction with both ends' readout and rotation errors must hold within 3σ,
     * and so must the Z–Z QBER with readout errors.
     */
    @Test
    void onNvTheReadoutAndRotationErrorsAreInThePrediction() {
        ChshExample.Result r = ChshExample.run(new ExampleOptions(4L, "classpath:networks/two-nodes-nv.yaml", false,
                2000));
        assertEquals(r.predictedS(), r.s(), 3 * r.sSigma(), "S = " + r.s() + " ± " + r.sSigma());
        assertTrue(r.predictedSFromPair() - r.predictedS() > 0.15, "the devices' errors cost more than 0.15: "
                + r.predictedSFromPair() + " → " + r.predictedS());
        double q = r.predictedQber();
        assertEquals(q, r.qber(), 3 * Math.sqrt(q * (1 - q) / r.keyRounds()));
    }
}
