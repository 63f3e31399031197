package org.qnetstack.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The link-layer throughput scenario's figures in simulated time (deterministic, not wall-clock). */
class LinkThroughputTest {
    @Test
    void measureDirectlyDeliversAtLeastNinetyPercentOfTheAttemptLimit() {
        for (String preset : new String[] {"nv-2019-lab", "nv-2022"}) {
            int pairs = 1000;
            var f = LinkThroughput.run(preset, preset.equals("nv-2022") ? 10 : 0.002, "measure", pairs, 5);
            // Pair arrivals are geometric: the rate over n pairs has relative σ ≈ 1/√n; 0.9 is > 3σ below 1.
            assertTrue(f.ratio() >= 0.9, f + " ratio " + f.ratio());
            assertEquals(1.0, f.ratio(), 4 / Math.sqrt(pairs), f.toString());
        }
    }

    @Test
    void theLabPresetAtAlphaTenthMatchesThePublishedSuccessProbability() {
        var f = LinkThroughput.run("nv-2019-lab", 0.002, "measure", 50, 6);
        assertEquals(LinkThroughput.ALPHA, f.alpha(), 1e-6);
        assertEquals(7.0e-5, f.successPerSlot(), 0.05 * 7.0e-5, "published per-attempt success (lab)");
    }
}
