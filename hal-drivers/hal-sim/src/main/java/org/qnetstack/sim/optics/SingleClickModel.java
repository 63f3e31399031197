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
 * loss-dominated η (see docs/physics.md), but exact for any η.
 *
 * <p>Two further imperfections ({@link #attempt(double, double, LinkOptics)}):
 * <ul>
 * <li>Interferometric phase noise: the phase φ between the two arms is Gaussian with standard deviation σ
 *     and unknown, so the heralded coherence is averaged over it: × E[e^(iφ)] = exp(−σ²/2).
 * <li>Double excitation: with probability p_de a bright emitter is re-excited after emitting a first photon
 *     during the optical pulse. That first photon falls inside the pulse, which the detection window
 *     excludes (the laser's reflection would swamp it), so it never clicks and the click statistics are
 *     unchanged; but it escapes into the environment carrying which-path information. The environment
 *     states of "A emitted" and "B emitted" then overlap by √(1−p_A)·√(1−p_B), which multiplies the
 *     heralded coherence: × (1 − p_de) for equal sides.
 * </ul>
 * With both, at small η and no dark counts: F ≈ (1−α)·(1 + √V·exp(−σ²/2)·√((1−p_A)(1−p_B)))/2.
 *
 * <p>Dark counts (probability d per detector and window) add heralds from the no-photon branch. With
 * symmetric α and η the heralded fidelity is exactly F(d) = (F₀·P₁ + d·α(1−α)(1−η)) / (P₁ + d·(1−αη)²),
 * where P₁ = α(1−α)η + α²(η(1−η) + η²(1+V)/4) is the probability that photons alone fire detector 0
 * (threshold detectors), F₀ the fidelity without dark counts, α(1−α)(1−η) the Ψ+ weight and (1−αη)² the
 * probability of the no-photon branch. So dark counts matter once d is comparable to αη.
 */
public final class SingleClickModel {
    /** Click patterns: none, detector 0 only, detector 1 only, both. */
    public static final int NONE = 0;
    public static final int D0 = 1;
    public static final int D1 = 2;
    public static final int BOTH = 3;

    /** Bell indices (docs/physics.md): Φ+ 0, Φ− 1, Ψ+ 2, Ψ− 3. */
    private static final int PSI_PLUS = 2;
    private static final int PSI_MINUS = 3;

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
        return attempt(alphaA, alphaB, LinkOptics.of(etaA, etaB, darkCount, visibility, numberResolving));
    }

    /** The outcome distribution of one attempt, with the optics' phase noise and double excitation. */
    public static Outcomes attempt(double alphaA, double alphaB, LinkOptics optics) {
        if (!(alphaA >= 0 && alphaA <= 1 && alphaB >= 0 && alphaB <= 1)) {
            throw new IllegalArgumentException("α must be in [0, 1]: " + alphaA + ", " + alphaB);
        }
        double[][] masks = Heralding.stationRound(optics, optics.phaseCoherence() * optics.doubleExcitationCoherence());
        double[] rho = Heralding.productState(alphaA, alphaB);
        double[][] states = new double[4][];
        for (int pattern = 0; pattern < 4; pattern++) {
            states[pattern] = Heralding.apply(masks[pattern], rho);
        }
        return new Outcomes(states);
    }

    /** Fidelity of the state heralded by detector 0 to Ψ+ (equal to that of detector 1 to Ψ−). */
    public static double heraldedFidelity(double alpha, double eta, double darkCount, double visibility) {
        return attempt(alpha, alpha, eta, eta, darkCount, visibility, false).fidelity(D0);
    }

    /** Probability that an attempt heralds a pair (exactly one detector clicks). */
    public static double successProbability(double alpha, double eta, double darkCount, double visibility) {
        return attempt(alpha, alpha, eta, eta, darkCount, visibility, false).successProbability();
    }

    /**
     * For each observed click pattern, the unnormalised 4×4 real density matrix of the spins
     * (row-major); its trace is the pattern's probability.
     *
     * <p>Every heralding model in this package returns this shape with one contract: {@link #D0} and
     * {@link #D1} are the heralds, D0 of a pair relative to Ψ+ and D1 relative to Ψ−; {@link #NONE} and
     * {@link #BOTH} are failures, with diagonal states (a mixture of basis states). What the patterns
     * mean at the detectors is documented per model.
     */
    public record Outcomes(double[][] states) {
        public Outcomes {
            if (states.length != 4) {
                throw new IllegalArgumentException("need 4 patterns, got " + states.length);
            }
            for (double[] s : states) {
                if (s.length != 16) {
                    throw new IllegalArgumentException("need 4×4 states (16 entries), got " + s.length);
                }
            }
        }

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

        /** Probability that the attempt heralds a pair: P(D0) + P(D1). */
        public double successProbability() {
            return probability(D0) + probability(D1);
        }

        /** The Bell index a pattern heralds (Ψ+ = 2 for D0, Ψ− = 3 for D1), or −1 for a failure. */
        public static int heraldedBell(int pattern) {
            return switch (pattern) {
                case D0 -> PSI_PLUS;
                case D1 -> PSI_MINUS;
                case NONE, BOTH -> -1;
                default -> throw new IllegalArgumentException("no click pattern " + pattern);
            };
        }

        /** Fidelity of a herald's normalised state to the Bell state it heralds ({@link #heraldedBell}). */
        public double fidelity(int pattern) {
            int bell = heraldedBell(pattern);
            if (bell < 0) {
                throw new IllegalArgumentException("pattern " + pattern + " is not a herald");
            }
            return fidelity(pattern, bell);
        }

        /** Fidelity of the pattern's normalised state to the Bell state with this index (0 Φ+ … 3 Ψ−). */
        public double fidelity(int pattern, int bellIndex) {
            double[] s = states[pattern];
            double sign = (bellIndex & 1) == 0 ? 1 : -1;
            // Φ±: (ρ00,00 + ρ11,11 ± 2ρ00,11)/2; Ψ±: (ρ01,01 + ρ10,10 ± 2ρ01,10)/2.
            double overlap = switch (bellIndex) {
                case 0, 1 -> s[0] + s[15] + sign * (s[3] + s[12]);
                case 2, 3 -> s[5] + s[10] + sign * (s[6] + s[9]);
                default -> throw new IllegalArgumentException("no Bell index " + bellIndex);
            };
            return overlap / 2 / probability(pattern);
        }
    }
}
