package org.qnetstack.sim.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.qnetstack.sim.optics.SingleClickModel.Outcomes;

/** Checks every heralding model's {@link Outcomes} must pass, whatever the parameters. */
final class OutcomeAssertions {
    private OutcomeAssertions() {
    }

    /**
     * The probabilities sum to 1; each state is a real symmetric positive semidefinite matrix whose only
     * off-diagonal elements are the |01⟩/|10⟩ coherence (what a herald can carry); failures are diagonal.
     */
    static void assertPhysical(Outcomes o, String what) {
        double total = 0;
        for (int pattern = 0; pattern < 4; pattern++) {
            double[] s = o.unnormalisedState(pattern);
            total += o.probability(pattern);
            for (int i = 0; i < 4; i++) {
                assertTrue(s[5 * i] >= -1e-15, what + ": negative population in pattern " + pattern);
                for (int j = 0; j < 4; j++) {
                    assertEquals(s[4 * i + j], s[4 * j + i], 1e-15, what + ": not symmetric");
                    boolean herald = (i == 1 && j == 2) || (i == 2 && j == 1);
                    if (i != j && !herald) {
                        assertEquals(0.0, s[4 * i + j], 1e-15, what + ": unexpected coherence " + i + "," + j);
                    }
                }
            }
            // A 2×2 block [[a, c], [c, b]] is positive semidefinite iff a, b ≥ 0 and c² ≤ ab.
            assertTrue(s[6] * s[6] <= s[5] * s[10] * (1 + 1e-12) + 1e-30, what + ": not positive in pattern " + pattern);
            if (Outcomes.heraldedBell(pattern) < 0) {
                assertEquals(0.0, s[6], 1e-15, what + ": a failure keeps a coherence");
            }
        }
        assertEquals(1.0, total, 1e-12, what + ": probabilities do not sum to 1");
    }
}
