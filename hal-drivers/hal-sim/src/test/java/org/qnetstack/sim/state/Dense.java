package org.qnetstack.sim.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

/**
 * Naive dense complex linear algebra in the engine's layout (row-major, interleaved re/im), written
 * independently of the engine's kernels so tests can compare against full-matrix arithmetic.
 */
final class Dense {
    private Dense() {
    }

    static int dimOf(double[] m) {
        int dim = (int) Math.round(Math.sqrt(m.length / 2.0));
        if (2 * dim * dim != m.length) {
            throw new IllegalArgumentException("not square: " + m.length);
        }
        return dim;
    }

    static double[] multiply(double[] a, double[] b) {
        int d = dimOf(a);
        double[] out = new double[a.length];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double sr = 0;
                double si = 0;
                for (int k = 0; k < d; k++) {
                    double ar = a[2 * (r * d + k)], ai = a[2 * (r * d + k) + 1];
                    double br = b[2 * (k * d + c)], bi = b[2 * (k * d + c) + 1];
                    sr += ar * br - ai * bi;
                    si += ar * bi + ai * br;
                }
                out[2 * (r * d + c)] = sr;
                out[2 * (r * d + c) + 1] = si;
            }
        }
        return out;
    }

    static double[] dagger(double[] a) {
        int d = dimOf(a);
        double[] out = new double[a.length];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                out[2 * (c * d + r)] = a[2 * (r * d + c)];
                out[2 * (c * d + r) + 1] = -a[2 * (r * d + c) + 1];
            }
        }
        return out;
    }

    static double[] add(double[] a, double[] b) {
        double[] out = a.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] += b[k];
        }
        return out;
    }

    static double[] scale(double[] a, double s) {
        double[] out = a.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] *= s;
        }
        return out;
    }

    /** K ρ K†. */
    static double[] sandwich(double[] k, double[] rho) {
        return multiply(multiply(k, rho), dagger(k));
    }

    static double[] kron(double[] a, double[] b) {
        int da = dimOf(a);
        int db = dimOf(b);
        int d = da * db;
        double[] out = new double[2 * d * d];
        for (int r1 = 0; r1 < da; r1++) {
            for (int c1 = 0; c1 < da; c1++) {
                for (int r2 = 0; r2 < db; r2++) {
                    for (int c2 = 0; c2 < db; c2++) {
                        double ar = a[2 * (r1 * da + c1)], ai = a[2 * (r1 * da + c1) + 1];
                        double br = b[2 * (r2 * db + c2)], bi = b[2 * (r2 * db + c2) + 1];
                        int o = 2 * ((r1 * db + r2) * d + c1 * db + c2);
                        out[o] = ar * br - ai * bi;
                        out[o + 1] = ar * bi + ai * br;
                    }
                }
            }
        }
        return out;
    }

    static double[] identity(int d) {
        double[] out = new double[2 * d * d];
        for (int i = 0; i < d; i++) {
            out[2 * (i * d + i)] = 1;
        }
        return out;
    }

    /**
     * The operator {@code op} on the qubits at positions {@code targets} (first target the most
     * significant qubit of op) of an n-qubit register, position 0 the most significant, as a full matrix.
     */
    static double[] embed(double[] op, int n, int... targets) {
        int k = targets.length;
        int d = 1 << n;
        int dk = 1 << k;
        int targetBits = 0;
        for (int t : targets) {
            targetBits |= 1 << (n - 1 - t);
        }
        double[] out = new double[2 * d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                if ((r & ~targetBits) != (c & ~targetBits)) {
                    continue;
                }
                int sr = sub(r, n, targets);
                int sc = sub(c, n, targets);
                out[2 * (r * d + c)] = op[2 * (sr * dk + sc)];
                out[2 * (r * d + c) + 1] = op[2 * (sr * dk + sc) + 1];
            }
        }
        return out;
    }

    private static int sub(int index, int n, int[] targets) {
        int k = targets.length;
        int s = 0;
        for (int t = 0; t < k; t++) {
            if ((index & (1 << (n - 1 - targets[t]))) != 0) {
                s |= 1 << (k - 1 - t);
            }
        }
        return s;
    }

    /** Reduced state of the qubits at positions {@code keep} (in that order) of an n-qubit ρ. */
    static double[] partialTrace(double[] rho, int n, int... keep) {
        int d = 1 << n;
        int k = keep.length;
        int dk = 1 << k;
        int keepBits = 0;
        for (int t : keep) {
            keepBits |= 1 << (n - 1 - t);
        }
        double[] out = new double[2 * dk * dk];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                if ((r & ~keepBits) != (c & ~keepBits)) {
                    continue;
                }
                int o = 2 * (sub(r, n, keep) * dk + sub(c, n, keep));
                out[o] += rho[2 * (r * d + c)];
                out[o + 1] += rho[2 * (r * d + c) + 1];
            }
        }
        return out;
    }

    static double realTrace(double[] rho) {
        int d = dimOf(rho);
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += rho[2 * (i * d + i)];
        }
        return t;
    }

    /** Haar-ish random unitary: Gram–Schmidt on a complex Gaussian matrix. */
    static double[] randomUnitary(int d, SplittableRandom rng) {
        double[][] cols = new double[d][2 * d];
        for (int c = 0; c < d; c++) {
            for (int r = 0; r < 2 * d; r++) {
                cols[c][r] = rng.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                // v -= <u_p|v> u_p
                double ir = 0;
                double ii = 0;
                for (int r = 0; r < d; r++) {
                    double ur = cols[p][2 * r], ui = -cols[p][2 * r + 1];
                    double vr = cols[c][2 * r], vi = cols[c][2 * r + 1];
                    ir += ur * vr - ui * vi;
                    ii += ur * vi + ui * vr;
                }
                for (int r = 0; r < d; r++) {
                    double ur = cols[p][2 * r], ui = cols[p][2 * r + 1];
                    cols[c][2 * r] -= ir * ur - ii * ui;
                    cols[c][2 * r + 1] -= ir * ui + ii * ur;
                }
            }
            double norm = 0;
            for (double x : cols[c]) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < 2 * d; r++) {
                cols[c][r] /= norm;
            }
        }
        double[] u = new double[2 * d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                u[2 * (r * d + c)] = cols[c][2 * r];
                u[2 * (r * d + c) + 1] = cols[c][2 * r + 1];
            }
        }
        return u;
    }

    /** A random full-rank density matrix A A† / Tr. */
    static double[] randomDensity(int d, SplittableRandom rng) {
        double[] a = new double[2 * d * d];
        for (int k = 0; k < a.length; k++) {
            a[k] = rng.nextGaussian();
        }
        double[] rho = multiply(a, dagger(a));
        return scale(rho, 1 / realTrace(rho));
    }

    /** A random normalised state vector of dimension d. */
    static double[] randomState(int d, SplittableRandom rng) {
        double[] psi = new double[2 * d];
        double norm = 0;
        for (int k = 0; k < psi.length; k++) {
            psi[k] = rng.nextGaussian();
            norm += psi[k] * psi[k];
        }
        return scale(psi, 1 / Math.sqrt(norm));
    }

    /**
     * Kraus operators of a random channel on dimension d with {@code count} operators: the blocks
     * K_i = (⟨i| ⊗ I) U (|0⟩ ⊗ I) of a random unitary on environment ⊗ system.
     */
    static double[][] randomKraus(int d, int count, SplittableRandom rng) {
        int big = d * count;
        double[] u = randomUnitary(big, rng);
        double[][] kraus = new double[count][2 * d * d];
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    int src = 2 * ((i * d + r) * big + c);
                    kraus[i][2 * (r * d + c)] = u[src];
                    kraus[i][2 * (r * d + c) + 1] = u[src + 1];
                }
            }
        }
        return kraus;
    }

    static void assertMatrixEquals(double[] expected, double[] actual, double tolerance, String message) {
        assertEquals(expected.length, actual.length, message + ": length");
        for (int k = 0; k < expected.length; k++) {
            int entry = k / 2;
            int finalK = k;
            assertEquals(expected[k], actual[k], tolerance,
                    () -> message + ": entry " + entry + (finalK % 2 == 0 ? " re" : " im"));
        }
    }
}
