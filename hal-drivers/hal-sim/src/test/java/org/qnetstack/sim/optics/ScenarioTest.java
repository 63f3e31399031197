package org.qnetstack.sim.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.sim.optics.SingleClickModel.D0;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.sim.device.DeviceParameters;
import org.qnetstack.sim.optics.SingleClickModel.Outcomes;

/**
 * Published figures (docs/hardware-presets.md, "Published figures a simulation of these presets should land near")
 * where they are pure model numbers: the presets' optics alone, no protocol, no memory time.
 */
class ScenarioTest {
    private static final DeviceParameters NV = DeviceParameters.of("nv-2019-lab", Map.of());
    private static final DeviceParameters ION = DeviceParameters.of("ion-2022", Map.of());

    /**
     * NV, 2 m apart (Humphreys 2018), single-click with nv-2019-lab: F ≈ F_max·(1 − α) with
     * F_max = (1 + √V·e^(−σ²/2)·(1 − p_de))/2 = 0.940, and p = 2ηα + 2d, linear in α. Dark counts
     * (d = 5e-7 against αη = 3.5e-5·α) pull F below F_max(1−α) at small α, by the closed form of
     * SingleClickModel: 0.06 at α = 0.02, under 0.011 for α ≥ 0.1.
     */
    @Test
    void nvAtTwoMetresTradesFidelityForRateLinearlyInAlpha() {
        LinkOptics optics = LinkOptics.midpoint(NV, NV, NV, 0.002);
        double eta = optics.etaA();
        double d = optics.darkCount();
        double v = optics.visibility();
        double coherence = Math.sqrt(v) * optics.phaseCoherence() * optics.doubleExcitationCoherence();
        double fMax = (1 + coherence) / 2;
        assertEquals(0.940, fMax, 5e-4);
        for (double alpha = 0.02; alpha <= 0.3 + 1e-9; alpha += 0.01) {
            Outcomes o = SingleClickModel.attempt(alpha, alpha, optics);
            double f = o.fidelity(D0);
            double p1 = alpha * (1 - alpha) * eta + alpha * alpha * (eta * (1 - eta) + eta * eta * (1 + v) / 4);
            double exact = (alpha * (1 - alpha) * eta * fMax + d * alpha * (1 - alpha) * (1 - eta))
                    / (p1 + d * (1 - alpha * eta) * (1 - alpha * eta));
            String at = "α = " + alpha;
            assertEquals(exact, f, 1e-12, at);
            assertTrue(f <= fMax * (1 - alpha) + 1e-6, at);
            assertTrue(fMax * (1 - alpha) - f < (alpha < 0.1 - 1e-9 ? 0.065 : 0.011), at);
            assertEquals(2 * eta * alpha + 2 * d, o.successProbability(), 1e-3 * o.successProbability(), at);
        }
    }

    /** NV link-layer simulation (Dahlberg 2019): 7.0e-5 per attempt at α = 0.1 in the lab; ±2%. */
    @Test
    void nvLabSuccessProbabilityAtAlphaOneTenth() {
        Outcomes o = SingleClickModel.attempt(0.1, 0.1, LinkOptics.midpoint(NV, NV, NV, 0.002));
        assertEquals(7.0e-5, o.successProbability(), 7.0e-5 * 0.02);
    }

    /**
     * Ions 230 m apart over 520 m of fibre (Krutyanskiy 2023): F = 0.882, 4e-5 per attempt. The experiment
     * heralds on a coincidence of one photon from each ion (photonic BSM), i.e. double-click statistics:
     * p ∝ η_A·η_B, F set by V and dark counts, no α. Station at the midpoint (260 m of fibre per side).
     *
     * <p>What the reference data give: with ion-2022 as written (η = 0.111 × 0.985 = 0.109 per photon),
     * p = η²/2 = 6.0e-3 and F = (1+V)/2 = 0.944: the preset lacks the losses that bring the experiment to
     * 4e-5 (frequency conversion, fibre coupling, detectors) and the ion–photon infidelity that brings it to
     * 0.882. With the per-photon efficiency the published rate implies (√(2·4e-5) = 8.9e-3), p = 4.0e-5 ± 2%
     * and F = 0.938 ± 0.003: dark counts cost 0.006, the remaining 0.056 is not in the reference data.
     * The single-click reading cannot reach the published point: its dark-count heralds alone (2d = 2.8e-5)
     * are most of 4e-5, and F = 0.882 needs α = 0.094, where p is 2.1e-2.
     */
    @Test
    void ionOverHalfAKilometreOfFibre() {
        LinkOptics optics = LinkOptics.midpoint(ION, ION, ION, 0.52);
        double eta = optics.etaA();
        assertEquals(0.111 * Math.pow(10, -0.25 * 0.26 / 10), eta, 1e-15);

        Outcomes preset = DoubleClickModel.attempt(optics);
        assertEquals(eta * eta / 2, preset.successProbability(), 1e-3 * eta * eta / 2);
        assertEquals((1 + 0.89) / 2, preset.fidelity(D0), 1e-3);

        double implied = Math.sqrt(2 * 4e-5);
        DeviceParameters matched = DeviceParameters.of("ion-2022", Map.of("detectorEfficiency", implied / eta));
        Outcomes experiment = DoubleClickModel.attempt(LinkOptics.midpoint(matched, matched, matched, 0.52));
        assertEquals(4e-5, experiment.successProbability(), 4e-5 * 0.02);
        assertEquals(0.938, experiment.fidelity(D0), 0.003);
        assertTrue(experiment.fidelity(D0) > 0.882, "an upper bound on the published fidelity");

        // Single-click: α = 0.094 gives the published F with the preset's optics, at 500× the rate.
        Outcomes single = SingleClickModel.attempt(0.0944, 0.0944, optics);
        assertEquals(0.882, single.fidelity(D0), 0.005);
        assertEquals(2.06e-2, single.successProbability(), 1e-3);
        // At the published rate the dark counts dominate single-click heralds, whatever α.
        for (double alpha : new double[] {0.05, 0.1, 0.2}) {
            double etaAtRate = (4e-5 - 2 * optics.darkCount()) / (2 * alpha);
            Outcomes atRate = SingleClickModel.attempt(alpha, alpha,
                    LinkOptics.of(etaAtRate, etaAtRate, optics.darkCount(), optics.visibility(), false));
            assertEquals(4e-5, atRate.successProbability(), 4e-5 * 0.01, "α = " + alpha);
            assertTrue(atRate.fidelity(D0) < 0.6, "α = " + alpha + ": F = " + atRate.fidelity(D0));
        }
    }
}
