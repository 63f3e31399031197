package org.qnetstack.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.sim.state.Gates;
import org.qnetstack.sim.state.StateEngine;

/** Memory decay of stored pairs through the presets' memory models, against docs/physics.md's closed forms. */
class MemoryNoiseTest {
    private static final double EPS = 1e-12;
    private static final int PHI_PLUS = 0;

    private static StateEngine pair(double[] rho) {
        StateEngine engine = new StateEngine();
        int a = engine.allocate();
        int b = engine.allocate();
        engine.setState(new int[] {a, b}, rho);
        return engine;
    }

    @Test
    void exponentialDecayOfAStoredPhiPlusPair() {
        // docs/physics.md: g = 1 − e^(−t/T1), F = ¼[1 + g² + (1−g)²] + ½·e^(−2t/T2).
        DeviceParameters p = DeviceParameters.of("nv-2019-lab", Map.of("communicationQubits", 2,
                "electronT1", "2ms", "electronT2", "1.5ms"));
        double t1 = 2e6;
        double t2 = 1.5e6;
        for (double t : new double[] {0, 1e4, 1e5, 1e6, 5e6}) {
            StateEngine engine = pair(Gates.bellDensity(PHI_PLUS));
            p.applyMemoryDecay(engine, 0, true, 0, t);
            p.applyMemoryDecay(engine, 1, true, 0, t);
            double g = 1 - Math.exp(-t / t1);
            assertEquals(0.25 * (1 + g * g + (1 - g) * (1 - g)) + 0.5 * Math.exp(-2 * t / t2),
                    engine.bellFidelity(0, 1, PHI_PLUS), EPS, "t = " + t);
            assertEquals(Math.exp(-t / t2), p.coherenceFactor(true, 0, t), EPS);
        }
    }

    @Test
    void exponentialDecayAppliedLazilyInPiecesEqualsOnce() {
        DeviceParameters p = DeviceParameters.of("nv-2019-lab", Map.of("carbonT1", "3ms", "carbonT2", "1ms"));
        StateEngine once = pair(Gates.bellDensity(PHI_PLUS));
        StateEngine pieces = pair(Gates.bellDensity(PHI_PLUS));
        p.applyMemoryDecay(once, 0, false, 0, 7e5);
        p.applyMemoryDecay(pieces, 0, false, 0, 2e5);
        p.applyMemoryDecay(pieces, 0, false, 2e5, 7e5);
        assertEquals(once.bellFidelity(0, 1, PHI_PLUS), pieces.bellFidelity(0, 1, PHI_PLUS), EPS);
    }

    @Test
    void gaussianDephasingOfAStoredPairFollowsExpMinusTwoTSquaredOverTauSquared() {
        // Each ion's coherence exp(−2t²/τ²) with τ = 85 ms, T1 infinite: Φ+ after t has F = ½(1 + exp(−4t²/τ²)).
        DeviceParameters ion = DeviceParameters.of("ion-2022", Map.of());
        double tau = 85e6;
        for (double t : new double[] {0, 1e6, 1e7, 4.25e7, 8.5e7, 2e8}) {
            StateEngine engine = pair(Gates.bellDensity(PHI_PLUS));
            ion.applyMemoryDecay(engine, 0, true, 0, t);
            ion.applyMemoryDecay(engine, 1, true, 0, t);
            double c = Math.exp(-2 * t * t / (tau * tau));
            assertEquals(c, ion.coherenceFactor(true, 0, t), EPS);
            assertEquals(0.5 * (1 + c * c), engine.bellFidelity(0, 1, PHI_PLUS), EPS, "t = " + t);
        }
        // At t = τ the coherence is e^(−2) = 0.135.
        assertEquals(Math.exp(-2), ion.coherenceFactor(true, 0, tau), EPS);
    }

    @Test
    void gaussianDephasingAppliedLazilyUsesAgesNotElapsedTimes() {
        DeviceParameters ion = DeviceParameters.of("ion-2022", Map.of());
        StateEngine once = pair(Gates.bellDensity(PHI_PLUS));
        StateEngine byAge = pair(Gates.bellDensity(PHI_PLUS));
        StateEngine naive = pair(Gates.bellDensity(PHI_PLUS));
        ion.applyMemoryDecay(once, 0, true, 0, 6e7);
        for (double[] span : new double[][] {{0, 2e7}, {2e7, 3.5e7}, {3.5e7, 6e7}}) {
            ion.applyMemoryDecay(byAge, 0, true, span[0], span[1]);
            ion.applyMemoryDecay(naive, 0, true, 0, span[1] - span[0]); // what a memoryless lazy update would do
        }
        assertEquals(once.bellFidelity(0, 1, PHI_PLUS), byAge.bellFidelity(0, 1, PHI_PLUS), EPS);
        assertTrue(naive.bellFidelity(0, 1, PHI_PLUS) > once.bellFidelity(0, 1, PHI_PLUS) + 0.05,
                "quasi-static noise is not memoryless: elapsed-time pieces would understate the decay");
        assertEquals(ion.coherenceFactor(true, 0, 6e7),
                ion.coherenceFactor(true, 0, 2e7) * ion.coherenceFactor(true, 2e7, 6e7), EPS);
    }

    @Test
    void gaussianDephasingWithFiniteT1AddsAmplitudeDamping() {
        DeviceParameters ion = DeviceParameters.of("ion-2022", Map.of("communicationT1", "1s"));
        double t = 3e7;
        StateEngine engine = pair(Gates.bellDensity(PHI_PLUS));
        ion.applyMemoryDecay(engine, 0, true, 0, t);
        double g = 1 - Math.exp(-t / 1e9);
        double coherence = Math.sqrt(1 - g) * Math.exp(-2 * t * t / (85e6 * 85e6));
        assertEquals(coherence, ion.coherenceFactor(true, 0, t), EPS);
        // Φ+ with one qubit damped: populations ½(1, 0, g, 1−g) over |00⟩,|01⟩,|10⟩,|11⟩ → F = ½(½ + ½(1−g)) + ½·coherence.
        assertEquals(0.25 * (2 - g) + 0.5 * coherence, engine.bellFidelity(0, 1, PHI_PLUS), EPS);
    }

    @Test
    void pureDephasingOfAWernerPair() {
        // docs/physics.md: F = (1−w)/4 + w(1 + e^(−t(1/T2a + 1/T2b)))/2.
        DeviceParameters a = DeviceParameters.of("ideal", Map.of("storageT2", "1ms"));
        DeviceParameters b = DeviceParameters.of("ideal", Map.of("storageT2", "3ms"));
        double f = 0.9;
        double w = (4 * f - 1) / 3;
        for (double t : new double[] {0, 1e5, 1e6, 4e6}) {
            StateEngine engine = pair(Gates.werner(f));
            a.applyMemoryDecay(engine, 0, false, 0, t);
            b.applyMemoryDecay(engine, 1, false, 0, t);
            assertEquals((1 - w) / 4 + w * (1 + Math.exp(-t * (1 / 1e6 + 1 / 3e6))) / 2,
                    engine.bellFidelity(0, 1, PHI_PLUS), EPS, "t = " + t);
        }
    }

    @Test
    void perAttemptDephasingCompoundsOverSkippedAttempts() {
        DeviceParameters nv = DeviceParameters.of("nv-2019-lab", Map.of());
        double p = nv.perAttemptDephasing();
        assertEquals(0, nv.storageDephasingAfter(0), 0);
        assertEquals(p, nv.storageDephasingAfter(1), 1e-15);
        assertEquals(2 * p * (1 - p), nv.storageDephasingAfter(2), 1e-15);
        assertEquals(0.5, nv.storageDephasingAfter(100_000), 1e-12);
        // Equal to dephasing once per attempt, on a stored half of Φ+.
        StateEngine stepwise = pair(Gates.bellDensity(PHI_PLUS));
        StateEngine skipped = pair(Gates.bellDensity(PHI_PLUS));
        for (int k = 0; k < 250; k++) {
            stepwise.dephase(1, p);
        }
        skipped.dephase(1, nv.storageDephasingAfter(250));
        assertEquals(stepwise.bellFidelity(0, 1, PHI_PLUS), skipped.bellFidelity(0, 1, PHI_PLUS), 1e-12);
        assertEquals((1 + Math.pow(1 - 2 * p, 250)) / 2, skipped.bellFidelity(0, 1, PHI_PLUS), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> nv.storageDephasingAfter(-1));
    }

    @Test
    void agesMustBeOrdered() {
        DeviceParameters p = DeviceParameters.of("ideal", Map.of());
        assertThrows(IllegalArgumentException.class, () -> p.coherenceFactor(true, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> p.coherenceFactor(true, -1, 3));
    }
}
