package org.qnetstack.sim.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.sim.optics.SingleClickModel.BOTH;
import static org.qnetstack.sim.optics.SingleClickModel.D0;
import static org.qnetstack.sim.optics.SingleClickModel.D1;
import static org.qnetstack.sim.optics.SingleClickModel.NONE;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.sim.device.DeviceParameters;
import org.qnetstack.sim.optics.SingleClickModel.Outcomes;

/** Source in the middle, source at a node and the generic link against their closed forms. */
class SourceModelsTest {

    @Test
    void midpointSourceSucceedsWhenBothMemoriesAbsorb() {
        Outcomes o = MidpointSourceModel.attempt(0.5, 0.95, 0.3, 0.2, 0);
        assertEquals(0.5 * 0.3 * 0.2, o.successProbability(), 1e-15);
        assertEquals(0.95, o.fidelity(D0), 1e-12);
        assertEquals(0.0, o.probability(D1), 0);
        assertEquals(0.0, o.probability(BOTH), 0);
        OutcomeAssertions.assertPhysical(o, "midpoint");
    }

    @Test
    void midpointSourceDarkCountsAddFalseHeraldsOfTheClosedFormWeight() {
        double ps = 0.5;
        double f = 0.95;
        double ea = 0.3;
        double eb = 0.2;
        for (double d : new double[] {1e-5, 1e-3, 0.05}) {
            Outcomes o = MidpointSourceModel.attempt(ps, f, ea, eb, d);
            double single = ps * (ea * (1 - eb) + (1 - ea) * eb);
            double p = ps * ea * eb + d * single + d * d * (1 - ps + ps * (1 - ea) * (1 - eb));
            assertEquals(p, o.successProbability(), 1e-15, "d = " + d);
            // A single false herald leaves I/2 ⊗ |0⟩ (F = 1/4); a double one |00⟩ (F = 0).
            assertEquals((ps * ea * eb * f + d * single / 4) / p, o.fidelity(D0), 1e-12, "d = " + d);
            assertTrue(o.fidelity(D0) < f);
            OutcomeAssertions.assertPhysical(o, "d = " + d);
        }
    }

    @Test
    void midpointSourceFromDeviceParametersUsesHalfTheFibreAndTheAbsorption() {
        // 0.2 dB/km over 25 km each way: 10^(−0.5) per photon.
        DeviceParameters p = DeviceParameters.of("ideal", Map.of("attenuationDbPerKm", 0.2, "absorptionEfficiency", 0.5,
                "sourceEfficiency", 0.1, "pairSourceFidelity", 0.9));
        Outcomes o = MidpointSourceModel.attempt(p, p, p, 50);
        double eta = Math.pow(10, -0.5) * 0.5;
        assertEquals(0.1 * eta * eta, o.successProbability(), 1e-15);
        assertEquals(0.9, o.fidelity(D0), 1e-12);
    }

    @Test
    void sourceNodeHeraldsAtTheAbsorberWithTheClosedForm() {
        double fe = 0.97;
        double pde = 0.04;
        double w = (4 * fe - 1) / 3;
        double fPrime = (1 + w) / 4 + w * (1 - pde) / 2;
        for (double eta : new double[] {1, 0.1, 1e-3}) {
            for (double d : new double[] {0, 1e-5, 1e-3}) {
                Outcomes o = SourceNodeModel.attempt(fe, eta, d, pde);
                double p = eta + d * (1 - eta);
                String at = "η = " + eta + ", d = " + d;
                assertEquals(p, o.successProbability(), 1e-15, at);
                assertEquals((eta * fPrime + d * (1 - eta) / 4) / p, o.fidelity(D0), 1e-12, at);
                assertEquals(0.0, o.probability(D1) + o.probability(BOTH), 0, at);
                OutcomeAssertions.assertPhysical(o, at);
            }
        }
        assertEquals(fe, SourceNodeModel.attempt(fe, 0.5, 0, 0).fidelity(D0), 1e-12);
    }

    @Test
    void sourceNodeFromDeviceParametersUsesTheWholeFibre() {
        DeviceParameters emitter = DeviceParameters.of("ideal", Map.of("emissionEfficiency", 0.4, "doubleExcitationProbability", 0.1));
        DeviceParameters absorber = DeviceParameters.of("ideal", Map.of("absorptionEfficiency", 0.5));
        DeviceParameters link = DeviceParameters.of("ideal", Map.of("attenuationDbPerKm", 0.2));
        Outcomes o = SourceNodeModel.attempt(emitter, absorber, link, 50);
        assertEquals(0.4 * 0.1 * 0.5, o.successProbability(), 1e-15);
        assertEquals(1 - 0.1 / 2, o.fidelity(D0), 1e-12, "F' = (1 + (1 − p_de))/2 for F_e = 1");
    }

    @Test
    void genericLinkDeliversWernerPairsOfExactlyFWithProbabilityExactlyP() {
        Outcomes o = GenericModel.attempt(DeviceParameters.of("generic", Map.of()));
        assertEquals(0.01, o.successProbability(), 1e-17); // exact up to rounding
        assertEquals(0.8, o.fidelity(D0), 1e-15);
        // Werner: w|Ψ+⟩⟨Ψ+| + (1−w)I/4, the other three Bell states at (1−F)/3 each.
        for (int bell : new int[] {0, 1, 3}) {
            assertEquals(0.2 / 3, o.fidelity(D0, bell), 1e-15);
        }
        assertEquals(0.99, o.probability(NONE), 1e-15);
        OutcomeAssertions.assertPhysical(o, "generic");
        assertThrows(IllegalArgumentException.class, () -> GenericModel.attempt(0.8, 1.01));
    }

    @Test
    void sourceModelsArePhysicalForAnyParameters() {
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < 200; k++) {
            OutcomeAssertions.assertPhysical(MidpointSourceModel.attempt(r.nextDouble(), r.nextDouble(), r.nextDouble(),
                    r.nextDouble(), r.nextDouble()), "midpoint " + k);
            OutcomeAssertions.assertPhysical(SourceNodeModel.attempt(r.nextDouble(), r.nextDouble(), r.nextDouble(),
                    r.nextDouble()), "source node " + k);
            OutcomeAssertions.assertPhysical(GenericModel.attempt(r.nextDouble(), r.nextDouble()), "generic " + k);
        }
    }
}
