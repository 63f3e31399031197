package org.qnetstack.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Basis;
import org.qnetstack.link.FidelityEstimate;

/** The master's test rounds alone: counts per α, and measured test pairs waiting for the other end's outcome. */
class TestRoundsTest {
    private static final long RETENTION = 1_000;

    private final TestRounds rounds = new TestRounds(alpha -> 1 - alpha, RETENTION);

    @Test
    void beforeAnyRoundTheEstimateIsTheModelsValueAtThatAlpha() {
        FidelityEstimate e = rounds.estimate(0.1);
        assertEquals(0, e.testRounds());
        assertEquals(0.9, e.estimate(), 1e-12);
        assertEquals(0.9, e.goodness(), 1e-12);
        assertEquals(TestRounds.CONFIDENCE, e.confidence());
    }

    @Test
    void roundsCountPerAlphaAndErrorsAreOutcomesAgainstTheBellState() {
        // Φ+ (index 0) in Z: outcomes agree. 10 agreeing rounds and 10 disagreeing ones at α = 0.1.
        for (int i = 0; i < 10; i++) {
            rounds.record(0.1, 0, Basis.Z, 1, 1);
            rounds.record(0.1, 0, Basis.Z, 0, 1);
        }
        FidelityEstimate e = rounds.estimate(0.1);
        assertEquals(20, e.testRounds());
        assertEquals(10, e.errors());
        assertTrue(e.goodness() < 0.9, "the rounds show pairs worse than the model: " + e);
        assertEquals(0, rounds.estimate(0.2).testRounds(), "another α has its own counts");
        // Ψ+ (index 2) in Z: outcomes differ, so a differing round is no error.
        FidelityEstimate after = rounds.record(0.2, 2, Basis.Z, 0, 1);
        assertEquals(1, after.testRounds());
        assertEquals(0, after.errors());
    }

    @Test
    void aPendingTestPairIsTakenOnceAndForgottenAfterTheRetention() {
        rounds.measuredHere(5, new TestRounds.Pending(0.1, 0, Basis.X, 1, 100));
        rounds.measuredHere(9, new TestRounds.Pending(0.1, 0, Basis.X, 0, 600));
        assertEquals(2, rounds.pending());
        assertEquals(1, rounds.takePending(5).outcome());
        assertNull(rounds.takePending(5), "a copy of the outcome finds nothing");
        rounds.forgetLost(100 + RETENTION); // herald 9's outcome may still come
        assertEquals(1, rounds.pending());
        rounds.forgetLost(600 + RETENTION);
        assertEquals(0, rounds.pending());
        assertNull(rounds.takePending(9), "an outcome later than the retention is not counted");
    }
}
