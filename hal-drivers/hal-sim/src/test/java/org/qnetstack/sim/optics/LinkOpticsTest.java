package org.qnetstack.sim.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.sim.device.DeviceParameters;

class LinkOpticsTest {

    @Test
    void darkCountProbabilityFromRateAndWindow() {
        // docs/physics.md: p_dc = 1 − exp(−R·τ); NV 2019: 20 Hz in 25 ns → 5.0e-7, the preset's value.
        assertEquals(1 - Math.exp(-20 * 25e-9), LinkOptics.darkCountProbability(20, 25), 1e-15);
        assertEquals(DeviceParameters.of("nv-2019-lab", Map.of()).darkCountProbability(),
                LinkOptics.darkCountProbability(20, 25), 1e-12);
    }

    @Test
    void midpointOpticsCombineEmitterDetectorAndHalfTheFibre() {
        DeviceParameters nv = DeviceParameters.of("nv-2019-lab", Map.of());
        LinkOptics o = LinkOptics.midpoint(nv, nv, nv, 0.002);
        // 4.375e-4 (ZPL and collection) × 0.8 (detector) × 10^(−5 dB/km × 1 m / 10)
        assertEquals(4.375e-4 * 0.8 * Math.pow(10, -5 * 0.001 / 10), o.etaA(), 1e-18);
        assertEquals(nv.efficiencyOver(0.001), o.etaB(), 1e-18);
        assertEquals(Math.toRadians(15), o.phaseNoiseSigma(), 1e-15);
        assertEquals(0.96, o.doubleExcitationCoherence(), 1e-15);
        assertEquals(Math.exp(-Math.pow(Math.toRadians(15), 2) / 2), o.phaseCoherence(), 1e-15);
    }

    @Test
    void invalidOpticsAreRefusedWithTheParameterNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinkOptics(1.2, 0.1, 0, 1, false, 0, 0, 0));
        assertTrue(e.getMessage().startsWith("etaA"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LinkOptics(0.1, 0.1, 0, 1, false, -0.1, 0, 0));
        assertTrue(e.getMessage().startsWith("phaseNoiseSigma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LinkOptics(0.1, 0.1, 0, 1, false, 0, 0, Double.NaN));
        assertTrue(e.getMessage().startsWith("doubleExcitationB"), e.getMessage());
    }
}
