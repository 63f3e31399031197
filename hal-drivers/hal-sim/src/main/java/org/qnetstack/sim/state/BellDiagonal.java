package org.qnetstack.sim.state;

/**
 * Two-qubit states diagonal in the Bell basis, {@code ρ = Σ_k w_k |β_k⟩⟨β_k|}, held as the four weights
 * {@code double[4]} in the project's Bell order (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−). Heralded Werner pairs and
 * everything Pauli gates, depolarising and dephasing noise or swapping do to them stay in this family,
 * so the engine keeps such a pair as 4 doubles instead of a 4×4 complex matrix and updates it in O(1).
 *
 * <p>Every operation here equals the dense one on {@link #toDensity} up to rounding; the engine's tests
 * check that on random sequences.
 */
final class BellDiagonal {
    /**
     * An entry a Bell-diagonal matrix has as zero, or two entries it has as equal, may differ by this
     * much and still be read as Bell-diagonal: rounding of the producing arithmetic, far below what any
     * result is compared to.
     */
    static final double TOLERANCE = 1e-14;

    private BellDiagonal() {
    }

    /**
     * The dense matrix: Φ± live on |00⟩, |11⟩ and Ψ± on |01⟩, |10⟩, with diagonal (w0+w1)/2 and
     * (w2+w3)/2 and anti-diagonal (w0−w1)/2 and (w2−w3)/2.
     */
    static double[] toDensity(double[] w) {
        double[] rho = new double[32];
        double phi = 0.5 * (w[0] + w[1]);
        double phiCoherence = 0.5 * (w[0] - w[1]);
        double psi = 0.5 * (w[2] + w[3]);
        double psiCoherence = 0.5 * (w[2] - w[3]);
        rho[entry(0, 0)] = phi;
        rho[entry(3, 3)] = phi;
        rho[entry(0, 3)] = phiCoherence;
        rho[entry(3, 0)] = phiCoherence;
        rho[entry(1, 1)] = psi;
        rho[entry(2, 2)] = psi;
        rho[entry(1, 2)] = psiCoherence;
        rho[entry(2, 1)] = psiCoherence;
        return rho;
    }

    /** The weights of a 4×4 density matrix if it is Bell-diagonal (within {@link #TOLERANCE}), else null. */
    static double[] fromDensity(double[] rho) {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                int e = entry(r, c);
                boolean inFamily = r == c || r + c == 3;
                if (!(Math.abs(rho[e + 1]) <= TOLERANCE) || (!inFamily && !(Math.abs(rho[e]) <= TOLERANCE))) {
                    return null;
                }
            }
        }
        if (!(Math.abs(rho[entry(0, 0)] - rho[entry(3, 3)]) <= TOLERANCE)
                || !(Math.abs(rho[entry(1, 1)] - rho[entry(2, 2)]) <= TOLERANCE)
                || !(Math.abs(rho[entry(0, 3)] - rho[entry(3, 0)]) <= TOLERANCE)
                || !(Math.abs(rho[entry(1, 2)] - rho[entry(2, 1)]) <= TOLERANCE)) {
            return null;
        }
        double phi = 0.5 * (rho[entry(0, 0)] + rho[entry(3, 3)]);
        double phiCoherence = 0.5 * (rho[entry(0, 3)] + rho[entry(3, 0)]);
        double psi = 0.5 * (rho[entry(1, 1)] + rho[entry(2, 2)]);
        double psiCoherence = 0.5 * (rho[entry(1, 2)] + rho[entry(2, 1)]);
        return new double[] {phi + phiCoherence, phi - phiCoherence, psi + psiCoherence, psi - psiCoherence};
    }

    /**
     * A Pauli on either qubit relabels the Bell states: X flips the index's x bit (2), Z its z bit (1),
     * Y both. (On the second qubit P acts as P^T on the first, which is ±P.)
     */
    static void pauli(double[] w, int flip) {
        if ((flip & 1) != 0) {
            swap(w, 0, 1);
            swap(w, 2, 3);
        }
        if ((flip & 2) != 0) {
            swap(w, 0, 2);
            swap(w, 1, 3);
        }
    }

    /**
     * Coherences of one qubit multiplied by f, i.e. ρ → ((1+f)/2)ρ + ((1−f)/2)ZρZ: weight moves between
     * Bell states that differ in the z bit.
     */
    static void scaleCoherence(double[] w, double f) {
        double keep = 0.5 * (1 + f);
        double move = 0.5 * (1 - f);
        double w0 = w[0];
        double w2 = w[2];
        w[0] = keep * w0 + move * w[1];
        w[1] = keep * w[1] + move * w0;
        w[2] = keep * w2 + move * w[3];
        w[3] = keep * w[3] + move * w2;
    }

    /**
     * ρ → (1−p)ρ + p·(I/2 ⊗ Tr_q ρ) for one qubit, and the same for both: a Bell-diagonal pair's
     * one-qubit marginals are already maximally mixed, so both are (1−p)ρ + p·Tr(ρ)·I/4.
     */
    static void depolarize(double[] w, double p) {
        double add = 0.25 * p * sum(w);
        for (int k = 0; k < 4; k++) {
            w[k] = (1 - p) * w[k] + add;
        }
    }

    static double sum(double[] w) {
        return w[0] + w[1] + w[2] + w[3];
    }

    /**
     * Correlation ⟨σ_k ⊗ σ_k⟩ (k = 0 X, 1 Y, 2 Z), unnormalised: Φ+ is ¼(II + XX − YY + ZZ), and the
     * other Bell states follow by the Pauli relabelling.
     */
    static double correlation(double[] w, int axis) {
        switch (axis) {
            case 0:
                return w[0] - w[1] + w[2] - w[3];
            case 1:
                return -w[0] + w[1] + w[2] - w[3];
            default:
                return w[0] + w[1] - w[2] - w[3];
        }
    }

    private static void swap(double[] w, int i, int j) {
        double t = w[i];
        w[i] = w[j];
        w[j] = t;
    }

    private static int entry(int r, int c) {
        return 2 * (4 * r + c);
    }
}
