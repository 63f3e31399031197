package org.qnetstack.sim.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.sim.optics.SingleClickModel.Outcomes;

/** Worked values of docs/physics.md for the single-click scheme, and its phase noise, double excitation and dark counts. */
class SingleClickModelTest {

    @Test
    void probabilitiesOfAllPatternsSumToOne() {
        SingleClickModel.Outcomes o = SingleClickModel.attempt(0.1, 0.2, 0.3, 0.05, 0.01, 0.8, false);
        double total = 0;
        for (int p = 0; p < 4; p++) {
            total += o.probability(p);
        }
        assertEquals(1.0, total, 1e-12);
    }

    @Test
    void successProbabilityIsTwoAlphaEtaForSmallEta() {
        // docs/physics.md: η = 1e-3, α = 0.1 → p = 2.0e-4 (to first order in η)
        double p = SingleClickModel.successProbability(0.1, 1e-3, 0, 1);
        assertEquals(2.0e-4, p, 2.0e-4 * 1e-3);
    }

    @Test
    void heraldedFidelityIsOneMinusAlphaTimesVisibilityFactor() {
        // docs/physics.md: α = 0.1, V = 1 → F = 0.900; V = 0.9 → F = 0.877 (η → 0)
        assertEquals(0.900, SingleClickModel.heraldedFidelity(0.1, 1e-7, 0, 1.0), 5e-4);
        assertEquals((1 - 0.1) * (1 + Math.sqrt(0.9)) / 2, SingleClickModel.heraldedFidelity(0.1, 1e-7, 0, 0.9), 5e-4);
        assertEquals(0.877, SingleClickModel.heraldedFidelity(0.1, 1e-7, 0, 0.9), 5e-4);
    }

    @Test
    void detectorZeroHeraldsPsiPlusAndDetectorOnePsiMinus() {
        SingleClickModel.Outcomes o = SingleClickModel.attempt(0.1, 0.1, 1e-3, 1e-3, 0, 1, false);
        double[] d0 = o.unnormalisedState(SingleClickModel.D0);
        double[] d1 = o.unnormalisedState(SingleClickModel.D1);
        assertEquals(1.0, d0[4 + 2] / d0[4 + 1], 1e-12);   // +coherence: Ψ+
        assertEquals(-1.0, d1[4 + 2] / d1[4 + 1], 1e-12);  // −coherence: Ψ−
    }

    @Test
    void darkCountsAloneHeraldTheNoPhotonState() {
        SingleClickModel.Outcomes o = SingleClickModel.attempt(0, 0, 0.5, 0.5, 0.01, 1, false);
        assertEquals(0.01 * 0.99, o.probability(SingleClickModel.D0), 1e-15);
        assertEquals(o.probability(SingleClickModel.D0), o.unnormalisedState(SingleClickModel.D0)[0], 1e-15);
    }

    @Test
    void idealLosslessLinkHeraldsWithProbabilityTwoAlphaMinusBunching() {
        // η = 1: one bright spin always clicks; both bright bunch onto one detector (V = 1).
        double alpha = 0.25;
        double p = SingleClickModel.successProbability(alpha, 1, 0, 1);
        assertEquals(2 * alpha * (1 - alpha) + alpha * alpha, p, 1e-12);
    }

    @Test
    void losslessNumberResolvingDetectionHeraldsPerfectPairs() {
        SingleClickModel.Outcomes o = SingleClickModel.attempt(0.5, 0.5, 1, 1, 0, 1, true);
        double[] rho = o.unnormalisedState(SingleClickModel.D0);
        double p = o.probability(SingleClickModel.D0);
        assertEquals(0.25, p, 1e-12);
        assertEquals(1.0, (rho[5] + rho[10] + rho[6] + rho[9]) / 2 / p, 1e-12);
    }

    @Test
    void sharedMachineryReproducesTheOriginalModelExactly() {
        // The pre-refactoring single-click code, kept here as an independent oracle.
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 200; k++) {
            double aA = random.nextDouble();
            double aB = random.nextDouble();
            double eA = random.nextDouble();
            double eB = random.nextDouble();
            double d = random.nextDouble() * 0.1;
            double v = random.nextDouble();
            boolean nr = random.nextBoolean();
            double[][] expected = legacy(aA, aB, eA, eB, d, v, nr);
            Outcomes o = SingleClickModel.attempt(aA, aB, eA, eB, d, v, nr);
            for (int p = 0; p < 4; p++) {
                for (int i = 0; i < 16; i++) {
                    assertEquals(expected[p][i], o.unnormalisedState(p)[i], 1e-15, "case " + k);
                }
            }
            OutcomeAssertions.assertPhysical(o, "case " + k);
            OutcomeAssertions.assertPhysical(SingleClickModel.attempt(aA, aB, new LinkOptics(eA, eB, d, v, nr,
                    random.nextDouble() * 2, random.nextDouble(), random.nextDouble())), "noisy case " + k);
        }
    }

    @Test
    void phaseNoiseShrinksTheHeraldedCoherenceByExpMinusSigmaSquaredOverTwo() {
        double sigma = Math.toRadians(15);
        Outcomes quiet = SingleClickModel.attempt(0.1, 0.1, LinkOptics.of(1e-3, 1e-3, 1e-6, 0.9, false));
        Outcomes noisy = SingleClickModel.attempt(0.1, 0.1, new LinkOptics(1e-3, 1e-3, 1e-6, 0.9, false, sigma, 0, 0));
        for (int p = 0; p < 4; p++) {
            assertEquals(quiet.probability(p), noisy.probability(p), 1e-18, "phase noise changes no click rate");
        }
        for (int p : new int[] {SingleClickModel.D0, SingleClickModel.D1}) {
            assertEquals(Math.exp(-sigma * sigma / 2), noisy.unnormalisedState(p)[6] / quiet.unnormalisedState(p)[6], 1e-12);
        }
        assertEquals(0.96631, Math.exp(-sigma * sigma / 2), 1e-5); // 15° → 0.966
    }

    @Test
    void doubleExcitationShrinksTheCoherenceBySquareRootOfOneMinusPOnEachSide() {
        Outcomes clean = SingleClickModel.attempt(0.1, 0.2, LinkOptics.of(1e-3, 2e-3, 0, 0.9, false));
        Outcomes doubled = SingleClickModel.attempt(0.1, 0.2, new LinkOptics(1e-3, 2e-3, 0, 0.9, false, 0, 0.04, 0.09));
        double ratio = doubled.unnormalisedState(SingleClickModel.D0)[6] / clean.unnormalisedState(SingleClickModel.D0)[6];
        assertEquals(Math.sqrt(0.96 * 0.91), ratio, 1e-12);
        for (int p = 0; p < 4; p++) {
            assertEquals(clean.probability(p), doubled.probability(p), 1e-18, "the first photon is never counted");
        }
        // Equal sides: × (1 − p_de).
        Outcomes symmetric = SingleClickModel.attempt(0.1, 0.1, new LinkOptics(1e-3, 1e-3, 0, 1, false, 0, 0.04, 0.04));
        Outcomes reference = SingleClickModel.attempt(0.1, 0.1, LinkOptics.of(1e-3, 1e-3, 0, 1, false));
        assertEquals(0.96, symmetric.unnormalisedState(SingleClickModel.D0)[6]
                / reference.unnormalisedState(SingleClickModel.D0)[6], 1e-12);
    }

    @Test
    void allImperfectionsTogetherGiveTheSmallEtaClosedForm() {
        // F ≈ (1−α)(1 + √V·e^(−σ²/2)·(1−p_de))/2 as η → 0 without dark counts.
        double alpha = 0.1;
        double v = 0.9;
        double sigma = Math.toRadians(15);
        double pde = 0.04;
        Outcomes o = SingleClickModel.attempt(alpha, alpha, new LinkOptics(1e-8, 1e-8, 0, v, false, sigma, pde, pde));
        double expected = (1 - alpha) * (1 + Math.sqrt(v) * Math.exp(-sigma * sigma / 2) * (1 - pde)) / 2;
        assertEquals(expected, o.fidelity(SingleClickModel.D0), 1e-7);
        assertEquals(expected, o.fidelity(SingleClickModel.D1), 1e-7);
    }

    @Test
    void darkCountsLowerTheFidelityByTheClosedFormAmount() {
        // F(d) = (F0·P1 + d·α(1−α)(1−η)) / (P1 + d·(1−αη)²), P1 = α(1−α)η + α²(η(1−η) + η²(1+V)/4).
        double alpha = 0.1;
        double v = 0.9;
        for (double eta : new double[] {1e-4, 1e-3, 0.05, 0.5}) {
            double f0 = SingleClickModel.heraldedFidelity(alpha, eta, 0, v);
            double p1 = alpha * (1 - alpha) * eta + alpha * alpha * (eta * (1 - eta) + eta * eta * (1 + v) / 4);
            assertEquals(alpha * (1 - alpha) * eta * (1 + Math.sqrt(v)) / 2 / p1, f0, 1e-12, "F0 at η = " + eta);
            for (double d : new double[] {1e-7, 1e-5, 1e-3}) {
                double expected = (f0 * p1 + d * alpha * (1 - alpha) * (1 - eta))
                        / (p1 + d * (1 - alpha * eta) * (1 - alpha * eta));
                double f = SingleClickModel.heraldedFidelity(alpha, eta, d, v);
                assertEquals(expected, f, 1e-12, "η = " + eta + ", d = " + d);
                assertTrue(f < f0, "dark counts lower F");
            }
        }
        // The size of the effect: d = αη/10 at small η costs about a tenth of the gap between F0 and α(1−α).
        double eta = 1e-4;
        double f0 = SingleClickModel.heraldedFidelity(alpha, eta, 0, 1);
        double f = SingleClickModel.heraldedFidelity(alpha, eta, alpha * eta / 10, 1);
        assertEquals((f0 - alpha * (1 - alpha)) / 11, f0 - f, 1e-5);
    }

    @Test
    void heraldsAreNamedByBellIndex() {
        assertEquals(2, Outcomes.heraldedBell(SingleClickModel.D0));
        assertEquals(3, Outcomes.heraldedBell(SingleClickModel.D1));
        assertEquals(-1, Outcomes.heraldedBell(SingleClickModel.NONE));
        assertEquals(-1, Outcomes.heraldedBell(SingleClickModel.BOTH));
        Outcomes o = SingleClickModel.attempt(0.1, 0.1, 1e-3, 1e-3, 0, 1, false);
        assertEquals(o.fidelity(SingleClickModel.D0, 2), o.fidelity(SingleClickModel.D1, 3), 1e-12);
        assertEquals(o.probability(SingleClickModel.D0) + o.probability(SingleClickModel.D1), o.successProbability(), 0);
        assertThrows(IllegalArgumentException.class, () -> o.fidelity(SingleClickModel.NONE));
        assertThrows(IllegalArgumentException.class, () -> SingleClickModel.attempt(1.5, 0.1, LinkOptics.of(0, 0, 0, 1, false)));
    }

    private static double[][] legacy(double alphaA, double alphaB, double etaA, double etaB, double darkCount,
                                     double visibility, boolean numberResolving) {
        double[] photonNone = new double[16];
        double[] photonD0 = new double[16];
        double[] photonD1 = new double[16];
        double[] photonBoth = new double[16];
        double a0 = 1 - alphaA;
        double b0 = 1 - alphaB;
        photonNone[0] += a0 * b0;
        double fromA = alphaA * b0;
        double fromB = a0 * alphaB;
        photonNone[2 * 4 + 2] += fromA * (1 - etaA);
        photonNone[4 + 1] += fromB * (1 - etaB);
        double detectedA = fromA * etaA / 2;
        double detectedB = fromB * etaB / 2;
        double coherence = Math.sqrt(visibility) * Math.sqrt(detectedA * detectedB);
        for (double[] d : new double[][] {photonD0, photonD1}) {
            d[2 * 4 + 2] += detectedA;
            d[4 + 1] += detectedB;
        }
        photonD0[2 * 4 + 1] += coherence;
        photonD0[4 + 2] += coherence;
        photonD1[2 * 4 + 1] -= coherence;
        photonD1[4 + 2] -= coherence;
        double both = alphaA * alphaB;
        double bothArrive = etaA * etaB;
        double oneArrives = etaA * (1 - etaB) + (1 - etaA) * etaB;
        double bunch = (1 + visibility) / 2;
        photonNone[15] += both * (1 - etaA) * (1 - etaB);
        double bunchedAsSingle = numberResolving ? 0 : bothArrive * bunch / 2;
        photonD0[15] += both * (oneArrives / 2 + bunchedAsSingle);
        photonD1[15] += both * (oneArrives / 2 + bunchedAsSingle);
        photonBoth[15] += both * (bothArrive - 2 * bunchedAsSingle);
        double q = 1 - darkCount;
        double[][] observed = new double[4][16];
        for (int i = 0; i < 16; i++) {
            observed[0][i] = photonNone[i] * q * q;
            observed[1][i] = photonNone[i] * darkCount * q + photonD0[i] * q;
            observed[2][i] = photonNone[i] * darkCount * q + photonD1[i] * q;
            observed[3][i] = photonNone[i] * darkCount * darkCount + photonD0[i] * darkCount
                    + photonD1[i] * darkCount + photonBoth[i];
        }
        return observed;
    }
}
