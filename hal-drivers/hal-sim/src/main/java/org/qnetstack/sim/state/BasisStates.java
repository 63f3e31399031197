package org.qnetstack.sim.state;

import java.util.Objects;
import org.qnetstack.hal.Basis;

/** The eigenvectors of the measurement bases, and one qubit's expectation value in a pure state. */
final class BasisStates {
    private static final double R = Math.sqrt(0.5);
    /** Eigenvectors (double[4]) indexed by [basis][outcome]; outcome 0 is the +1 eigenstate. */
    static final double[][] Z_EIGEN = {{1, 0, 0, 0}, {0, 0, 1, 0}};
    static final double[][] X_EIGEN = {{R, 0, R, 0}, {R, 0, -R, 0}};
    static final double[][] Y_EIGEN = {{R, 0, 0, R}, {R, 0, 0, -R}};

    private BasisStates() {
    }

    /** The eigenvector ({@code double[4]}) of the outcome (0 the +1 eigenstate) in the basis. */
    static double[] eigenvector(Basis basis, int outcome) {
        switch (Objects.requireNonNull(basis, "basis")) {
            case Z:
                return Z_EIGEN[outcome];
            case X:
                return X_EIGEN[outcome];
            case Y:
                return Y_EIGEN[outcome];
            default:
                throw new IllegalArgumentException("unknown basis " + basis);
        }
    }

    /** ⟨v|ρ|v⟩ for a one-qubit ρ (double[8]) and v (double[4]). */
    static double expectation(double[] rho, double[] v) {
        double sum = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                // conj(v_a)·v_b
                double wr = v[2 * a] * v[2 * b] + v[2 * a + 1] * v[2 * b + 1];
                double wi = v[2 * a] * v[2 * b + 1] - v[2 * a + 1] * v[2 * b];
                sum += wr * rho[2 * (2 * a + b)] - wi * rho[2 * (2 * a + b) + 1];
            }
        }
        return sum;
    }
}
