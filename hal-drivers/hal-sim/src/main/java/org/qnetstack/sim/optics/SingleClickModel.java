package org.qnetstack.sim.optics;

/**
 * The single-click scheme: each node's spin emits a photon from its bright state |1⟩ with
 * population α; the photons meet on a beam splitter at the station; a click on exactly one of the
 * two threshold detectors heralds the spins in Ψ+ (detector 0) or Ψ− (detector 1).
 *
 * <p>The model enumerates what can happen to the photons (emitted or not, lost or detected, two
 * photons bunching on one detector with probability (1+V)/2) and dark counts on each detector, and
 * gives for each click pattern its probability and the unnormalised joint state of the two spins.
 * Pattern {@code BOTH} stands for every "not a single click" event with photons on both detectors
 * (or, with number-resolving detectors, two photons on one).
 * Spin order is (A, B), A most significant: index 2a + b. Partial distinguishability lowers the
 * coherence between |01⟩ and |10⟩ by √V. With p = 2αη and F ≈ (1−α)(1+√V)/2 in the limit of small
 * loss-dominated η (see physics.md), but exact for any η.
 */
public final class SingleClickModel {
    /** Click patterns: none, detector 0 only, detector 1 only, both. */
    public static final int NONE = 0;
    public static final int D0 = 1;
    public static final int D1 = 2;
    public static final int BOTH = 3;

    private SingleClickModel() {
    }

    /**
     * The outcome distribution of one attempt.
     *
     * @param alphaA        bright-state population at A (0 if A did not emit)
     * @param alphaB        bright-state population at B (0 if B did not emit)
     * @param etaA          efficiency from A's emitter to a detector
     * @param etaB          efficiency from B's emitter to a detector
     * @param darkCount     probability that a detector fires with no photon in the window
     * @param visibility    two-photon interference visibility V
     * @param numberResolving whether the detectors tell two photons from one (then two photons on one
     *                      detector are a failure, not a herald)
     */
    public static Outcomes attempt(double alphaA, double alphaB, double etaA, double etaB, double darkCount,
                                   double visibility, boolean numberResolving) {
        double[] photonNone = new double[16];
        double[] photonD0 = new double[16];
        double[] photonD1 = new double[16];
        double[] photonBoth = new double[16];
        double a0 = 1 - alphaA;
        double b0 = 1 - alphaB;
        // spins |00⟩: no photon
        photonNone[0] += a0 * b0;
        // one photon, from A (spins |10⟩, index 2) or from B (|01⟩, index 1)
        double fromA = alphaA * b0;
        double fromB = a0 * alphaB;
        photonNone[2 * 4 + 2] += fromA * (1 - etaA);
        photonNone[4 + 1] += fromB * (1 - etaB);
        double detectedA = fromA * etaA / 2; // each detector
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
        // two photons (spins |11⟩, index 3)
        double both = alphaA * alphaB;
        double bothArrive = etaA * etaB;
        double oneArrives = etaA * (1 - etaB) + (1 - etaA) * etaB;
        double bunch = (1 + visibility) / 2;
        photonNone[15] += both * (1 - etaA) * (1 - etaB);
        // Two photons that bunch onto one detector look like one click to a threshold detector.
        double bunchedAsSingle = numberResolving ? 0 : bothArrive * bunch / 2;
        photonD0[15] += both * (oneArrives / 2 + bunchedAsSingle);
        photonD1[15] += both * (oneArrives / 2 + bunchedAsSingle);
        photonBoth[15] += both * (bothArrive - 2 * bunchedAsSingle);

        // Dark counts turn a photon pattern into an observed one: a detector fires if a photon or a
        // dark count fires it.
        double q = 1 - darkCount;
        double[][] observed = new double[4][16];
        for (int i = 0; i < 16; i++) {
            observed[NONE][i] = photonNone[i] * q * q;
            observed[D0][i] = photonNone[i] * darkCount * q + photonD0[i] * q;
            observed[D1][i] = photonNone[i] * darkCount * q + photonD1[i] * q;
            observed[BOTH][i] = photonNone[i] * darkCount * darkCount + photonD0[i] * darkCount
                    + photonD1[i] * darkCount + photonBoth[i];
        }
        return new Outcomes(observed);
    }

    /** Fidelity of the state heralded by detector 0 to Ψ+ (equal to that of detector 1 to Ψ−). */
    public static double heraldedFidelity(double alpha, double eta, double darkCount, double visibility) {
        Outcomes o = attempt(alpha, alpha, eta, eta, darkCount, visibility, false);
        double[] rho = o.unnormalisedState(D0);
        double p = o.probability(D0);
        // ⟨Ψ+|ρ|Ψ+⟩ = (ρ11 + ρ22 + ρ12 + ρ21) / 2
        return (rho[4 + 1] + rho[2 * 4 + 2] + rho[4 + 2] + rho[2 * 4 + 1]) / 2 / p;
    }

    /** Probability that an attempt heralds a pair (exactly one detector clicks). */
    public static double successProbability(double alpha, double eta, double darkCount, double visibility) {
        Outcomes o = attempt(alpha, alpha, eta, eta, darkCount, visibility, false);
        return o.probability(D0) + o.probability(D1);
    }

    /**
     * For each observed click pattern, the unnormalised 4×4 real density matrix of the spins
     * (row-major); its trace is the pattern's probability.
     */
    public record Outcomes(double[][] states) {
        public double probability(int pattern) {
            double[] s = states[pattern];
            return s[0] + s[5] + s[10] + s[15];
        }

        public double[] unnormalisedState(int pattern) {
            return states[pattern];
        }

        /** The pattern's normalised state as a complex matrix (re/im interleaved), for the state engine. */
        public double[] normalisedComplexState(int pattern) {
            double p = probability(pattern);
            double[] s = states[pattern];
            double[] c = new double[32];
            for (int i = 0; i < 16; i++) {
                c[2 * i] = s[i] / p;
            }
            return c;
        }

        /** Samples a pattern from a uniform number in [0, 1). */
        public int sample(double uniform) {
            double cumulative = 0;
            for (int pattern = 0; pattern < 3; pattern++) {
                cumulative += probability(pattern);
                if (uniform < cumulative) {
                    return pattern;
                }
            }
            return BOTH;
        }
    }
}
