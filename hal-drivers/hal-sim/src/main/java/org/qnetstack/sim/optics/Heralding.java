package org.qnetstack.sim.optics;

import static org.qnetstack.sim.optics.SingleClickModel.BOTH;
import static org.qnetstack.sim.optics.SingleClickModel.D0;
import static org.qnetstack.sim.optics.SingleClickModel.D1;
import static org.qnetstack.sim.optics.SingleClickModel.NONE;

/**
 * The machinery the heralding models share: two-spin states as real 4×4 matrices (row-major, spin order
 * (A, B), A most significant, basis index 2a + b), the station's click patterns, dark counts, and the
 * states the models start from.
 *
 * <p>A station round acts on the spins as a set of masks, one per click pattern: the spins' basis state
 * fixes which photons exist (a bright |1⟩ emits one), so the pattern's unnormalised output is the
 * element-wise product of its mask with the input ρ. A mask's diagonal holds the pattern's probability
 * given each basis state; its off-diagonal elements are the overlaps of what the photons left behind in
 * the two branches. Only "A emitted" against "B emitted" (|10⟩ vs |01⟩) keeps an overlap: every other
 * pair of branches differs in the number of photons absorbed by the detectors or lost to the environment.
 */
final class Heralding {
    private static final int I01 = 4 + 1;
    private static final int I10 = 2 * 4 + 2;
    private static final int C_10_01 = 2 * 4 + 1;
    private static final int C_01_10 = 4 + 2;

    private Heralding() {
    }

    /**
     * The masks of one station round for the four observed patterns. {@code coherence} multiplies the
     * |10⟩/|01⟩ overlap: √V from the photons' distinguishability is included here; the caller passes
     * phase-noise and double-excitation factors.
     */
    static double[][] stationRound(LinkOptics o, double coherence) {
        double etaA = o.etaA();
        double etaB = o.etaB();
        double v = o.visibility();
        double[][] truth = new double[4][16];
        truth[NONE][0] = 1;                                   // |00⟩: no photon
        setEmitted(truth, I01, etaB);                          // |01⟩: B's photon
        setEmitted(truth, I10, etaA);                          // |10⟩: A's photon
        // |11⟩: two photons. Arriving together they bunch onto one detector with probability (1+V)/2,
        // which a threshold detector reports as a single click.
        double bothArrive = etaA * etaB;
        double oneArrives = etaA * (1 - etaB) + (1 - etaA) * etaB;
        double bunchedAsSingle = o.numberResolving() ? 0 : bothArrive * (1 + v) / 4;
        truth[NONE][15] = (1 - etaA) * (1 - etaB);
        truth[D0][15] = oneArrives / 2 + bunchedAsSingle;
        truth[D1][15] = oneArrives / 2 + bunchedAsSingle;
        truth[BOTH][15] = bothArrive - 2 * bunchedAsSingle;
        // A's photon and B's photon leave the beam splitter with opposite relative signs at the two outputs.
        double c = Math.sqrt(v * etaA * etaB) / 2 * coherence;
        truth[D0][C_10_01] = truth[D0][C_01_10] = c;
        truth[D1][C_10_01] = truth[D1][C_01_10] = -c;
        return withDarkCounts(truth, o.darkCount(), o.darkCount());
    }

    private static void setEmitted(double[][] truth, int diagonal, double eta) {
        truth[NONE][diagonal] = 1 - eta;
        truth[D0][diagonal] = eta / 2;
        truth[D1][diagonal] = eta / 2;
    }

    /**
     * Observed patterns from true ones for two detectors with independent dark counts: a detector fires if a
     * photon or a dark count fires it. Works on states and on masks alike (it is linear).
     *
     * @param truth what the photons alone would fire, indexed NONE, D0 (detector 0 only), D1, BOTH
     * @param dark0 dark-count probability of detector 0
     * @param dark1 dark-count probability of detector 1 (0 for an absent detector)
     */
    static double[][] withDarkCounts(double[][] truth, double dark0, double dark1) {
        double q0 = 1 - dark0;
        double q1 = 1 - dark1;
        double[][] observed = new double[4][16];
        for (int i = 0; i < 16; i++) {
            double none = truth[NONE][i];
            observed[NONE][i] = none * q0 * q1;
            observed[D0][i] = none * dark0 * q1 + truth[D0][i] * q1;
            observed[D1][i] = none * q0 * dark1 + truth[D1][i] * q0;
            observed[BOTH][i] = none * dark0 * dark1 + truth[D0][i] * dark1 + truth[D1][i] * dark0 + truth[BOTH][i];
        }
        return observed;
    }

    /** |ψA⟩⟨ψA| ⊗ |ψB⟩⟨ψB| with ψ = √(1−α)|0⟩ + √α|1⟩: each spin bright with population α. */
    static double[] productState(double alphaA, double alphaB) {
        double[] a = {Math.sqrt(1 - alphaA), Math.sqrt(alphaA)};
        double[] b = {Math.sqrt(1 - alphaB), Math.sqrt(alphaB)};
        double[] psi = {a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]};
        double[] rho = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                rho[4 * i + j] = psi[i] * psi[j];
            }
        }
        return rho;
    }

    /** Element-wise product: the pattern's output for input rho. */
    static double[] apply(double[] mask, double[] rho) {
        double[] out = new double[16];
        for (int i = 0; i < 16; i++) {
            out[i] = mask[i] * rho[i];
        }
        return out;
    }

    /** (X ⊗ X) ρ (X ⊗ X): a π pulse on both spins maps basis index s to 3 − s. */
    static double[] flipBoth(double[] rho) {
        double[] out = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                out[4 * i + j] = rho[4 * (3 - i) + (3 - j)];
            }
        }
        return out;
    }

    /** target += weight · state. */
    static void add(double[] target, double weight, double[] state) {
        for (int i = 0; i < 16; i++) {
            target[i] += weight * state[i];
        }
    }

    /**
     * Werner state around Ψ+ with fidelity F: w|Ψ+⟩⟨Ψ+| + (1−w)I/4, w = (4F−1)/3, with the |01⟩/|10⟩
     * coherence further multiplied by {@code coherence} (dephasing of the emitted entanglement).
     */
    static double[] wernerPsiPlus(double fidelity, double coherence) {
        double w = (4 * fidelity - 1) / 3;
        double[] rho = new double[16];
        rho[0] = rho[15] = (1 - w) / 4;
        rho[I01] = rho[I10] = (1 + w) / 4;
        rho[C_10_01] = rho[C_01_10] = w / 2 * coherence;
        return rho;
    }

    /** The state of the pair when only A's memory holds anything: half of a lost pair (I/2) and |0⟩ at B. */
    static double[] mixedAEmptyB() {
        double[] rho = new double[16];
        rho[0] = rho[I10] = 0.5;
        return rho;
    }

    /** The same with the roles exchanged: |0⟩ at A, I/2 at B. */
    static double[] emptyAMixedB() {
        double[] rho = new double[16];
        rho[0] = rho[I01] = 0.5;
        return rho;
    }

    /** |00⟩⟨00|: both memories still in their initialised state. */
    static double[] bothEmpty() {
        double[] rho = new double[16];
        rho[0] = 1;
        return rho;
    }
}
