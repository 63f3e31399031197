package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FirstProgramTest {
    @Test
    void perfectDevicesAlwaysDeliverPlus() {
        for (long seed = 1; seed <= 5; seed++) {
            assertEquals(0, FirstProgram.teleportPlus("networks/two-nodes-ideal.yaml", seed), "seed " + seed);
        }
    }

    @Test
    void nvDevicesDeliverAnOutcomeAndTheSameSeedTheSameOne() {
        int outcome = FirstProgram.teleportPlus("networks/two-nodes-nv.yaml", 42);
        assertTrue(outcome == 0 || outcome == 1, "outcome " + outcome);
        assertEquals(outcome, FirstProgram.teleportPlus("networks/two-nodes-nv.yaml", 42));
    }
}
