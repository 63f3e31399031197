package org.qnetstack.sim.state;

import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.TwoQubitGate;

/**
 * Constant gates and small helpers, as complex matrices and vectors in the engine's layout: row-major,
 * real and imaginary parts interleaved, first qubit the most significant. A 2×2 matrix is
 * {@code double[8]}, a 4×4 matrix {@code double[32]}.
 *
 * <p>The constants are shared arrays for speed: treat them as read-only. The state engine recognises
 * them by identity and applies X, Y, Z, CNOT, CZ and SWAP as index permutations or sign flips (and as
 * relabellings of the weights of a Bell-diagonal pair); an equal matrix built elsewhere gives the same
 * result through the general path. The factory methods return fresh arrays.
 *
 * <p>Bell indices follow the project convention {@code b = 2x + z}, {@code |β_xz⟩ = (X^x Z^z ⊗ I)|Φ+⟩}:
 * 0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−.
 */
public final class Gates {
    private static final double R = Math.sqrt(0.5);

    public static final double[] I = {1, 0, 0, 0, 0, 0, 1, 0};
    public static final double[] X = {0, 0, 1, 0, 1, 0, 0, 0};
    public static final double[] Y = {0, 0, 0, -1, 0, 1, 0, 0};
    public static final double[] Z = {1, 0, 0, 0, 0, 0, -1, 0};
    public static final double[] H = {R, 0, R, 0, R, 0, -R, 0};
    public static final double[] S = {1, 0, 0, 0, 0, 0, 0, 1};
    public static final double[] SDG = {1, 0, 0, 0, 0, 0, 0, -1};
    public static final double[] T = {1, 0, 0, 0, 0, 0, R, R};
    public static final double[] TDG = {1, 0, 0, 0, 0, 0, R, -R};

    /** Controlled NOT with the first (most significant) qubit as control. */
    public static final double[] CNOT = realMatrix4(
            1, 0, 0, 0,
            0, 1, 0, 0,
            0, 0, 0, 1,
            0, 0, 1, 0);

    public static final double[] CZ = realMatrix4(
            1, 0, 0, 0,
            0, 1, 0, 0,
            0, 0, 1, 0,
            0, 0, 0, -1);

    /** Exchanges the states of the two qubits. */
    public static final double[] SWAP = realMatrix4(
            1, 0, 0, 0,
            0, 0, 1, 0,
            0, 1, 0, 0,
            0, 0, 0, 1);

    /** Real amplitudes of the Bell states, basis order |00⟩, |01⟩, |10⟩, |11⟩. */
    private static final double[][] BELL_AMPLITUDES = {
            {R, 0, 0, R},
            {R, 0, 0, -R},
            {0, R, R, 0},
            {0, R, -R, 0},
    };

    private Gates() {
    }

    /** The HAL's gate as the engine's shared constant (so that the engine's fast paths recognise it). */
    public static double[] of(Gate gate) {
        return switch (gate) {
            case X -> X;
            case Y -> Y;
            case Z -> Z;
            case H -> H;
            case S -> S;
            case S_DAGGER -> SDG;
            case T -> T;
            case T_DAGGER -> TDG;
        };
    }

    /** The HAL's two-qubit gate as the engine's shared constant, control the most significant qubit. */
    public static double[] of(TwoQubitGate gate) {
        return gate == TwoQubitGate.CNOT ? CNOT : CZ;
    }

    /** The rotation by θ about the HAL's axis. */
    public static double[] rotation(Axis axis, double theta) {
        return switch (axis) {
            case X -> rx(theta);
            case Y -> ry(theta);
            case Z -> rz(theta);
        };
    }

    /** R_x(θ) = exp(−iθX/2). */
    public static double[] rx(double theta) {
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        return new double[] {c, 0, 0, -s, 0, -s, c, 0};
    }

    /** R_y(θ) = exp(−iθY/2). */
    public static double[] ry(double theta) {
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        return new double[] {c, 0, -s, 0, s, 0, c, 0};
    }

    /** R_z(θ) = exp(−iθZ/2). */
    public static double[] rz(double theta) {
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        return new double[] {c, -s, 0, 0, 0, 0, c, s};
    }

    /** The product a·b of two 2×2 complex matrices (b acts first). */
    public static double[] multiply2(double[] a, double[] b) {
        return multiply(a, b, 2);
    }

    /** The product a·b of two 4×4 complex matrices (b acts first). */
    public static double[] multiply4(double[] a, double[] b) {
        return multiply(a, b, 4);
    }

    /** The tensor product a ⊗ b of two 2×2 matrices: a acts on the first (most significant) qubit. */
    public static double[] tensor(double[] a, double[] b) {
        requireLength(a, 8);
        requireLength(b, 8);
        double[] out = new double[32];
        for (int r1 = 0; r1 < 2; r1++) {
            for (int c1 = 0; c1 < 2; c1++) {
                double ar = a[2 * (2 * r1 + c1)];
                double ai = a[2 * (2 * r1 + c1) + 1];
                for (int r2 = 0; r2 < 2; r2++) {
                    for (int c2 = 0; c2 < 2; c2++) {
                        double br = b[2 * (2 * r2 + c2)];
                        double bi = b[2 * (2 * r2 + c2) + 1];
                        int k = 2 * ((2 * r1 + r2) * 4 + 2 * c1 + c2);
                        out[k] = ar * br - ai * bi;
                        out[k + 1] = ar * bi + ai * br;
                    }
                }
            }
        }
        return out;
    }

    /** The conjugate transpose of a square complex matrix in the interleaved layout. */
    public static double[] dagger(double[] a) {
        int dim = dimensionOf(a);
        double[] out = new double[a.length];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                out[2 * (c * dim + r)] = a[2 * (r * dim + c)];
                out[2 * (c * dim + r) + 1] = -a[2 * (r * dim + c) + 1];
            }
        }
        return out;
    }

    /** State vector of the Bell state with the index (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−): {@code double[8]}. */
    public static double[] bellState(int index) {
        double[] amplitudes = BELL_AMPLITUDES[checkBellIndex(index)];
        double[] psi = new double[8];
        for (int k = 0; k < 4; k++) {
            psi[2 * k] = amplitudes[k];
        }
        return psi;
    }

    /** Density matrix |β⟩⟨β| of the Bell state with the index: {@code double[32]}. */
    public static double[] bellDensity(int index) {
        return pureDensity(bellState(index));
    }

    /**
     * The Werner state with the fidelity to Φ+: {@code w|Φ+⟩⟨Φ+| + (1−w)I/4} with {@code w = (4F−1)/3}.
     * Any F in [0, 1] gives a valid state.
     */
    public static double[] werner(double fidelity) {
        if (!(fidelity >= 0 && fidelity <= 1)) {
            throw new IllegalArgumentException("Werner fidelity must be in [0, 1]: " + fidelity);
        }
        double w = (4 * fidelity - 1) / 3;
        double[] rho = bellDensity(0);
        for (int k = 0; k < rho.length; k++) {
            rho[k] *= w;
        }
        for (int d = 0; d < 4; d++) {
            rho[2 * (5 * d)] += (1 - w) / 4;
        }
        return rho;
    }

    /** |ψ⟩⟨ψ| of a state vector (complex, interleaved). */
    public static double[] pureDensity(double[] psi) {
        if (psi.length < 2 || psi.length % 2 != 0 || Integer.bitCount(psi.length / 2) != 1) {
            throw new IllegalArgumentException("state vector length must be 2·2^n: " + psi.length);
        }
        int dim = psi.length / 2;
        double[] rho = new double[2 * dim * dim];
        for (int r = 0; r < dim; r++) {
            double ar = psi[2 * r];
            double ai = psi[2 * r + 1];
            for (int c = 0; c < dim; c++) {
                // ψ_r · conj(ψ_c)
                double br = psi[2 * c];
                double bi = -psi[2 * c + 1];
                rho[2 * (r * dim + c)] = ar * br - ai * bi;
                rho[2 * (r * dim + c) + 1] = ar * bi + ai * br;
            }
        }
        return rho;
    }

    static int checkBellIndex(int index) {
        if (index < 0 || index > 3) {
            throw new IllegalArgumentException("Bell index must be 0..3: " + index);
        }
        return index;
    }

    private static double[] multiply(double[] a, double[] b, int dim) {
        requireLength(a, 2 * dim * dim);
        requireLength(b, 2 * dim * dim);
        double[] out = new double[2 * dim * dim];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                double sr = 0;
                double si = 0;
                for (int k = 0; k < dim; k++) {
                    double ar = a[2 * (r * dim + k)];
                    double ai = a[2 * (r * dim + k) + 1];
                    double br = b[2 * (k * dim + c)];
                    double bi = b[2 * (k * dim + c) + 1];
                    sr += ar * br - ai * bi;
                    si += ar * bi + ai * br;
                }
                out[2 * (r * dim + c)] = sr;
                out[2 * (r * dim + c) + 1] = si;
            }
        }
        return out;
    }

    private static int dimensionOf(double[] matrix) {
        int entries = matrix.length / 2;
        int dim = (int) Math.round(Math.sqrt(entries));
        if (matrix.length % 2 != 0 || dim * dim != entries || dim == 0) {
            throw new IllegalArgumentException("not a square complex matrix: length " + matrix.length);
        }
        return dim;
    }

    private static void requireLength(double[] matrix, int length) {
        if (matrix.length != length) {
            throw new IllegalArgumentException("expected " + length + " doubles, got " + matrix.length);
        }
    }

    private static double[] realMatrix4(double... entries) {
        double[] out = new double[32];
        for (int k = 0; k < 16; k++) {
            out[2 * k] = entries[k];
        }
        return out;
    }
}
