package org.qnetstack.apps.bb84;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecoyStateTest {
    /**
     * On a channel of transmittance η with background Y₀ and misalignment e_d, the true single-photon yield is
     * Y₁ = Y₀ + η − Y₀η and error e₁ = (Y₀/2 + e_d·η)/Y₁ (Ma et al. 2005, Eqs. (8)–(9)). The vacuum + weak decoy
     * bounds must hold them and, for a weak decoy, be tight: within a few per cent.
     */
    @Test
    void boundsHoldAndAreTightOnAModelChannel() {
        double eta = 1e-3;
        double y0 = 1e-5;
        double ed = 0.015;
        DecoyState.Observation signal = DecoyState.Observation.expected(0.5, eta, y0, ed);
        DecoyState.Observation decoy = DecoyState.Observation.expected(0.05, eta, y0, ed);
        DecoyState.Bounds b = DecoyState.bounds(signal, decoy, y0, 1.16);
        double y1 = y0 + eta - y0 * eta;
        double e1 = (y0 / 2 + ed * eta) / y1;
        assertTrue(b.yieldLower() <= y1 && b.yieldLower() > 0.97 * y1, b + " vs Y₁ " + y1);
        assertTrue(b.errorUpper() >= e1 && b.errorUpper() < 1.1 * e1, b + " vs e₁ " + e1);
        assertEquals(b.yieldLower() * 0.5 * Math.exp(-0.5), b.gainLower(), 1e-15);
        assertTrue(b.rate() > 0);
    }

    /** Where loss drowns the signal in dark counts there is no key. */
    @Test
    void noKeyWhenDarkCountsDominate() {
        DecoyState.Observation signal = DecoyState.Observation.expected(0.5, 1e-7, 1e-5, 0.015);
        DecoyState.Observation decoy = DecoyState.Observation.expected(0.05, 1e-7, 1e-5, 0.015);
        assertTrue(DecoyState.bounds(signal, decoy, 1e-5, 1.16).rate() <= 0);
    }

    @Test
    void refusesADecoyStrongerThanTheSignal() {
        DecoyState.Observation a = DecoyState.Observation.expected(0.5, 1e-3, 0, 0.01);
        DecoyState.Observation b = DecoyState.Observation.expected(0.1, 1e-3, 0, 0.01);
        assertThrows(IllegalArgumentException.class, () -> DecoyState.bounds(b, a, 0, 1.16));
    }
}
