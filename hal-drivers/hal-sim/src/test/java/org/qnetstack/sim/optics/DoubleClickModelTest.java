package org.qnetstack.sim.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.sim.optics.SingleClickModel.BOTH;
import static org.qnetstack.sim.optics.SingleClickModel.D0;
import static org.qnetstack.sim.optics.SingleClickModel.D1;
import static org.qnetstack.sim.optics.SingleClickModel.NONE;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.sim.optics.SingleClickModel.Outcomes;

/** Barrett–Kok: p = η²/2, F = (1+V)/2 without dark counts, and the closed form with them. */
class DoubleClickModelTest {

    @Test
    void successProbabilityIsEtaSquaredOverTwo() {
        // docs/physics.md: p ≈ η²/2. Without dark counts it is exact for any η and V.
        for (double eta : new double[] {1e-4, 1e-3, 0.1, 0.5, 1}) {
            for (double v : new double[] {1, 0.9, 0.5}) {
                Outcomes o = DoubleClickModel.attempt(LinkOptics.of(eta, eta, 0, v, false));
                assertEquals(eta * eta / 2, o.successProbability(), 1e-15 + eta * eta * 1e-12, "η = " + eta + ", V = " + v);
                assertEquals(o.probability(D0), o.probability(D1), 1e-15);
            }
        }
        // Unequal efficiencies: η_A·η_B/2.
        assertEquals(1e-3 * 4e-3 / 2, DoubleClickModel.attempt(LinkOptics.of(1e-3, 4e-3, 0, 1, false)).successProbability(), 1e-18);
    }

    @Test
    void fidelityIsSetByVisibilityNotByEfficiency() {
        // Each round multiplies the |01⟩/|10⟩ coherence by √V: F = (1 + V)/2, for any η (α is 1/2 by design).
        for (double eta : new double[] {1e-4, 0.3, 1}) {
            for (double v : new double[] {1, 0.9, 0.89}) {
                Outcomes o = DoubleClickModel.attempt(LinkOptics.of(eta, eta, 0, v, false));
                assertEquals((1 + v) / 2, o.fidelity(D0), 1e-12, "η = " + eta + ", V = " + v);
                assertEquals((1 + v) / 2, o.fidelity(D1), 1e-12);
            }
        }
    }

    @Test
    void sameDetectorHeraldsPsiPlusDifferentDetectorsPsiMinus() {
        Outcomes o = DoubleClickModel.attempt(LinkOptics.of(0.2, 0.2, 0, 1, false));
        assertEquals(1.0, o.fidelity(D0, 2), 1e-12);
        assertEquals(1.0, o.fidelity(D1, 3), 1e-12);
        assertEquals(0.0, o.fidelity(D0, 3), 1e-12);
    }

    @Test
    void darkCountsLowerTheFidelityByTheClosedFormAmount() {
        // Per round and detector: a0 = d(1−d) (no photon), a1 = (1−d)((1−η)d + η/2) (one),
        // a2 = (1−d)((1−η)²d + η(1−η) + η²(1+V)/4) (two); c = (1−d)(η/2)√V.
        // P(same detector) = a0·a2 + a1², F = (a1² + c²) / (2(a0·a2 + a1²)).
        for (double eta : new double[] {1e-3, 0.0089, 0.1}) {
            for (double v : new double[] {1, 0.89}) {
                for (double d : new double[] {0, 1.4e-5, 1e-3}) {
                    double q = 1 - d;
                    double a0 = d * q;
                    double a1 = q * ((1 - eta) * d + eta / 2);
                    double a2 = q * ((1 - eta) * (1 - eta) * d + eta * (1 - eta) + eta * eta * (1 + v) / 4);
                    double c = q * eta / 2 * Math.sqrt(v);
                    Outcomes o = DoubleClickModel.attempt(LinkOptics.of(eta, eta, d, v, false));
                    String at = "η = " + eta + ", V = " + v + ", d = " + d;
                    assertEquals(a0 * a2 + a1 * a1, o.probability(D0), 1e-15, at);
                    assertEquals((a1 * a1 + c * c) / (2 * (a0 * a2 + a1 * a1)), o.fidelity(D0), 1e-12, at);
                    if (d > 0) {
                        assertTrue(o.fidelity(D0) < (1 + v) / 2, at);
                    }
                }
            }
        }
    }

    @Test
    void phaseNoiseCancelsAndDoubleExcitationCountsTwice() {
        LinkOptics clean = LinkOptics.of(0.01, 0.01, 0, 0.9, false);
        LinkOptics phase = new LinkOptics(0.01, 0.01, 0, 0.9, false, Math.toRadians(15), 0, 0);
        LinkOptics doubled = new LinkOptics(0.01, 0.01, 0, 0.9, false, 0, 0.04, 0.04);
        Outcomes o = DoubleClickModel.attempt(clean);
        assertEquals(o.fidelity(D0), DoubleClickModel.attempt(phase).fidelity(D0), 1e-15);
        // Four emissions, each first photon with overlap √(1−p): coherence × (1−p)².
        assertEquals((1 + 0.9 * 0.96 * 0.96) / 2, DoubleClickModel.attempt(doubled).fidelity(D0), 1e-12);
        assertEquals(o.successProbability(), DoubleClickModel.attempt(doubled).successProbability(), 1e-18);
    }

    @Test
    void failuresAreSplitIntoNoClickAndBothDetectors() {
        // Lossless, V = 1, number-resolving: |00⟩ and |11⟩ (half the weight) never give two single clicks;
        // |11⟩ in a round puts two photons on one detector, which a number-resolving detector reports (BOTH).
        Outcomes o = DoubleClickModel.attempt(LinkOptics.of(1, 1, 0, 1, true));
        assertEquals(0.5, o.successProbability(), 1e-12);
        assertEquals(0.5, o.probability(BOTH), 1e-12);
        assertEquals(0.0, o.probability(NONE), 1e-12);
        Outcomes threshold = DoubleClickModel.attempt(LinkOptics.of(1, 1, 0, 1, false));
        assertEquals(0.5, threshold.probability(NONE), 1e-12, "|11⟩ bunches to one click, then |00⟩ gives none");
    }

    @Test
    void outcomesArePhysicalForAnyParameters() {
        SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < 200; k++) {
            LinkOptics o = new LinkOptics(random.nextDouble(), random.nextDouble(), random.nextDouble() * 0.2,
                    random.nextDouble(), random.nextBoolean(), random.nextDouble(), random.nextDouble(), random.nextDouble());
            OutcomeAssertions.assertPhysical(DoubleClickModel.attempt(o), o.toString());
        }
    }
}
