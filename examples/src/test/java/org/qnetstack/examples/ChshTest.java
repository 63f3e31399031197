package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CHSH over a link: S = 2√2 on the ideal device, S = 2√2·w on a Werner link, each within 3σ. */
class ChshTest {
    @Test
    void idealPairsReachTsirelsonsBound() {
        ChshExample.Result r = ChshExample.run(new ExampleOptions(3L, ExamplesAcceptanceTest.ideal(), false, 3000));
        assertEquals(2 * Math.sqrt(2), r.s(), 3 * r.sSigma());
        assertTrue(r.deviceIndependentRate() > 0);
    }

    @Test
    void wernerPairsGiveTwoRootTwoTimesTheirWeight() {
        ChshExample.Result r = ChshExample.run(new ExampleOptions(4L, "classpath:networks/two-nodes-generic.yaml",
                false, 3000, 0.8));
        double w = (4 * 0.8 - 1) / 3;
        assertEquals(2 * Math.sqrt(2) * w, r.s(), 3 * r.sSigma());
        assertEquals(0.0, r.deviceIndependentRate(), "S ≈ 2.07 is too close to 2 for a device-independent key");
    }
}
