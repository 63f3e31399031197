package org.qnetstack.sim.state;

/**
 * Density matrices of other subsystems made from one: the tensor product of two, the partial trace over some qubits,
 * the projection of one qubit on a pure state, and the trace. Same layout as {@link DensityOps}; each returns a new
 * matrix (but the trace) and leaves its argument alone.
 */
final class Subsystems {
    private Subsystems() {
    }

    /** The tensor product a ⊗ b of two density matrices (a's qubits more significant). */
    static double[] tensor(double[] a, int dimA, double[] b, int dimB) {
        int dim = dimA * dimB;
        double[] out = new double[2 * dim * dim];
        for (int r1 = 0; r1 < dimA; r1++) {
            for (int c1 = 0; c1 < dimA; c1++) {
                double ar = a[2 * (r1 * dimA + c1)];
                double ai = a[2 * (r1 * dimA + c1) + 1];
                if (ar == 0 && ai == 0) {
                    continue;
                }
                for (int r2 = 0; r2 < dimB; r2++) {
                    int src = 2 * r2 * dimB;
                    int dst = 2 * ((r1 * dimB + r2) * dim + c1 * dimB);
                    for (int c2 = 0; c2 < 2 * dimB; c2 += 2) {
                        double br = b[src + c2];
                        double bi = b[src + c2 + 1];
                        out[dst + c2] = ar * br - ai * bi;
                        out[dst + c2 + 1] = ar * bi + ai * br;
                    }
                }
            }
        }
        return out;
    }

    /** The partial trace over the qubit with bit {@code mask}. */
    static double[] traceOut(double[] rho, int dim, int mask) {
        int restDim = dim / 2;
        int low = mask - 1;
        double[] out = new double[2 * restDim * restDim];
        for (int i = 0; i < restDim; i++) {
            int r0 = insertZero(i, low);
            int r1 = r0 | mask;
            for (int j = 0; j < restDim; j++) {
                int c0 = insertZero(j, low);
                int c1 = c0 | mask;
                int o = 2 * (i * restDim + j);
                int d0 = 2 * (r0 * dim + c0);
                int d1 = 2 * (r1 * dim + c1);
                out[o] = rho[d0] + rho[d1];
                out[o + 1] = rho[d0 + 1] + rho[d1 + 1];
            }
        }
        return out;
    }

    /**
     * The block ⟨v|ρ|v⟩ of the other qubits for the qubit with bit {@code mask} and a single-qubit vector
     * v ({@code double[4]}). Unnormalised: its trace is the probability of finding the qubit in v.
     */
    static double[] project(double[] rho, int dim, int mask, double[] v) {
        int restDim = dim / 2;
        int low = mask - 1;
        // w[a][b] = conj(v_a)·v_b weighs the block ρ[a, b] of the measured qubit.
        double[] w = new double[8];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                w[2 * (2 * a + b)] = v[2 * a] * v[2 * b] + v[2 * a + 1] * v[2 * b + 1];
                w[2 * (2 * a + b) + 1] = v[2 * a] * v[2 * b + 1] - v[2 * a + 1] * v[2 * b];
            }
        }
        double[] out = new double[2 * restDim * restDim];
        for (int i = 0; i < restDim; i++) {
            int r0 = insertZero(i, low);
            for (int j = 0; j < restDim; j++) {
                int c0 = insertZero(j, low);
                double sr = 0;
                double si = 0;
                for (int ab = 0; ab < 4; ab++) {
                    double wr = w[2 * ab];
                    double wi = w[2 * ab + 1];
                    if (wr == 0 && wi == 0) {
                        continue;
                    }
                    int row = (ab >> 1) == 0 ? r0 : r0 | mask;
                    int col = (ab & 1) == 0 ? c0 : c0 | mask;
                    int d = 2 * (row * dim + col);
                    sr += wr * rho[d] - wi * rho[d + 1];
                    si += wr * rho[d + 1] + wi * rho[d];
                }
                out[2 * (i * restDim + j)] = sr;
                out[2 * (i * restDim + j) + 1] = si;
            }
        }
        return out;
    }

    /** Spreads index i of the space without the qubit into the full space, with the qubit's bit 0. */
    private static int insertZero(int i, int lowBits) {
        return ((i & ~lowBits) << 1) | (i & lowBits);
    }

    /** The 2×2 reduced density matrix of one qubit. */
    static double[] reduceToOne(double[] rho, int dim, int mask) {
        double[] out = new double[8];
        for (int r0 = 0; r0 < dim; r0++) {
            if ((r0 & mask) != 0) {
                continue;
            }
            int r1 = r0 | mask;
            out[0] += rho[2 * (r0 * dim + r0)];
            out[2] += rho[2 * (r0 * dim + r1)];
            out[3] += rho[2 * (r0 * dim + r1) + 1];
            out[6] += rho[2 * (r1 * dim + r1)];
        }
        // Hermitian: the lower coherence is the conjugate of the upper one.
        out[4] = out[2];
        out[5] = -out[3];
        return out;
    }

    /**
     * The reduced density matrix of the qubits with the given bits, the first bit the most
     * significant of the result, tracing out every other bit of the {@code dim}-dimensional space.
     */
    static double[] reduce(double[] rho, int dim, int[] keptMasks) {
        int k = keptMasks.length;
        int keptDim = 1 << k;
        int keptUnion = 0;
        int[] keptIndex = new int[keptDim];
        for (int i = 0; i < keptDim; i++) {
            int index = 0;
            for (int t = 0; t < k; t++) {
                if ((i & (1 << (k - 1 - t))) != 0) {
                    index |= keptMasks[t];
                }
            }
            keptIndex[i] = index;
        }
        for (int mask : keptMasks) {
            keptUnion |= mask;
        }
        int restCount = dim / keptDim;
        int[] restIndex = new int[restCount];
        int filled = 0;
        for (int index = 0; index < dim; index++) {
            if ((index & keptUnion) == 0) {
                restIndex[filled++] = index;
            }
        }
        double[] out = new double[2 * keptDim * keptDim];
        for (int i = 0; i < keptDim; i++) {
            for (int j = 0; j < keptDim; j++) {
                double sr = 0;
                double si = 0;
                for (int e = 0; e < restCount; e++) {
                    int d = 2 * ((keptIndex[i] | restIndex[e]) * dim + (keptIndex[j] | restIndex[e]));
                    sr += rho[d];
                    si += rho[d + 1];
                }
                out[2 * (i * keptDim + j)] = sr;
                out[2 * (i * keptDim + j) + 1] = si;
            }
        }
        return out;
    }

    static double realTrace(double[] rho, int dim) {
        double trace = 0;
        for (int d = 0; d < dim; d++) {
            trace += rho[2 * (d * dim + d)];
        }
        return trace;
    }
}
