package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The walking stack's acceptance figures: exact on the ideal device, within stated statistical
 * tolerances of the physics on nv-2022, and reproducible bit for bit.
 */
class ExamplesAcceptanceTest {
    static String ideal() {
        return "classpath:networks/two-nodes-ideal.yaml";
    }

    @Test
    void idealDeviceGivesZeroQberIdenticalKeysAndPerfectTeleportation() {
        // Enough pairs for the finite-size bound to leave a secure key: ~10,000 sifted bits.
        QkdExample.Result qkd = QkdExample.run(new ExampleOptions(1L, ideal(), false, 20_000));
        assertEquals(0, qkd.siftedErrors());
        assertEquals(0.0, qkd.qber());
        assertEquals("KEY", qkd.outcome(), qkd.abortReason());
        assertTrue(qkd.keysIdentical());
        assertTrue(qkd.finalKeyBits() > 0.5 * qkd.siftedBits(), "final " + qkd.finalKeyBits() + " of " + qkd.siftedBits());
        assertEquals(0, qkd.idMismatches());
        assertEquals(1.0, qkd.secretFraction());
        TeleportExample.Result teleport = TeleportExample.run(new ExampleOptions(1L, ideal(), false, 50));
        assertEquals(1.0, teleport.meanFidelity(), 1e-9);
        assertEquals(1.0, teleport.pairFidelity(), 1e-9);
    }

    @Test
    void nvQberMatchesThePredictionFromTheHeraldedStateAndAttemptsSucceedAtTwoAlphaEta() {
        QkdExample.Result r = QkdExample.run(new ExampleOptions(3L, null, false, 3000));
        assertEquals(0, r.idMismatches());
        // Every sifted bit is an independent trial: the true errors over all sifted bits.
        double q = (double) r.siftedErrors() / r.siftedBits();
        double p = r.predictedQber();
        assertEquals(p, q, 3 * Math.sqrt(p * (1 - p) / r.siftedBits()), "QBER over " + r.siftedBits() + " sifted bits");
        // Above 11% the post-processing must refuse to make a key.
        assertEquals("ABORTED_QBER", r.outcome(), r.abortReason());
        assertEquals(0, r.finalKeyBits());
        // Per-attempt success: within 3σ (σ from the number of attempts) of the model and of 2αη.
        double sigma = r.successPerAttemptSigma();
        assertEquals(r.expectedSuccessPerAttempt(), r.successPerAttempt(), 3 * sigma);
        assertEquals(r.twoAlphaEta(), r.successPerAttempt(), 3 * sigma);
    }

    @Test
    void nvTeleportationMatchesThePredictionWithDeviceNoise() {
        TeleportExample.Result r = TeleportExample.run(new ExampleOptions(4L, null, false, 300));
        // The pairs' true fidelity is what the link layer promised.
        assertEquals(r.pairFidelityModel(), r.pairFidelity(), 2e-3);
        // Mean over random states: within 3 standard errors (half-width is 1.96 of them).
        double tolerance = r.meanFidelityHalfWidth() / 1.959964 * 3;
        assertEquals(r.predictedWithDeviceNoise(), r.meanFidelity(), tolerance);
        assertTrue(r.meanFidelity() > r.classicalLimit());
    }

    /**
     * The NetQASM paper's scenario (link F = 0.8, p = 0.01, 10 µs cycle, no gate noise). Its published
     * 0.811 is not reachable from those parameters: teleportation's average fidelity depends only on the
     * pair's Φ+ weight, (2F+1)/3 = 0.8667, and with noiseless gates and memories of T2 = 1 s nothing else
     * lowers it. The simulation lands on the formula; the paper's figure must include noise it does not state.
     */
    @Test
    void genericLinkTeleportsAtTwoFPlusOneOverThree() {
        TeleportExample.Result r = TeleportExample.run(
                new ExampleOptions(5L, "classpath:networks/two-nodes-generic.yaml", false, 200, 0.8));
        assertEquals(0.8, r.pairFidelity(), 1e-4);
        assertEquals((2 * 0.8 + 1) / 3, r.meanFidelity(), 1e-3);
    }

    @Test
    void sameSeedSameFiguresDifferentSeedDifferentRawBits() {
        QkdExample.Result a = QkdExample.run(new ExampleOptions(11L, null, false, 40));
        QkdExample.Result b = QkdExample.run(new ExampleOptions(11L, null, false, 40));
        QkdExample.Result c = QkdExample.run(new ExampleOptions(12L, null, false, 40));
        assertEquals(withoutWallTime(a), withoutWallTime(b));
        assertNotEquals(a.rawKeyFingerprint(), c.rawKeyFingerprint());
        assertNotEquals(a.attempts(), c.attempts());
    }

    private static String withoutWallTime(QkdExample.Result r) {
        return Report.toJson(r).replaceAll("\"wallSeconds\":[0-9.eE-]+", "");
    }
}
