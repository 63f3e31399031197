package org.qnetstack.sim.state;

/**
 * In-place kernels on one density matrix of {@code dim × dim} complex entries, row-major with real and
 * imaginary parts interleaved. A qubit is named by its bit {@code mask} in the row/column index.
 *
 * <p>Every kernel touches only the entries the operation couples (pairs of indices for one qubit,
 * quartets for two), so applying a gate costs O(dim²) rather than the O(dim³) of multiplying full
 * matrices.
 */
final class DensityOps {
    private DensityOps() {
    }

    /** ρ → K ρ K† for a 2×2 operator K ({@code double[8]}), unitary or not. */
    static void sandwich1(double[] rho, int dim, int mask, double[] k) {
        final double k00r = k[0], k00i = k[1], k01r = k[2], k01i = k[3];
        final double k10r = k[4], k10i = k[5], k11r = k[6], k11i = k[7];
        // One pass over 2×2 blocks B = ρ[{r0, r1}, {c0, c1}], each replaced by K B K†: every entry is read
        // and written once, and the two rows of a block are streamed in order.
        for (int r0 = 0; r0 < dim; r0++) {
            if ((r0 & mask) != 0) {
                continue;
            }
            int row0 = 2 * r0 * dim;
            int row1 = 2 * (r0 | mask) * dim;
            for (int c0 = 0; c0 < dim; c0++) {
                if ((c0 & mask) != 0) {
                    continue;
                }
                int i00 = row0 + 2 * c0;
                int i01 = row0 + 2 * (c0 | mask);
                int i10 = row1 + 2 * c0;
                int i11 = row1 + 2 * (c0 | mask);
                double ar = rho[i00], ai = rho[i00 + 1];
                double br = rho[i01], bi = rho[i01 + 1];
                double cr = rho[i10], ci = rho[i10 + 1];
                double dr = rho[i11], di = rho[i11 + 1];
                // M = K B
                double m00r = k00r * ar - k00i * ai + k01r * cr - k01i * ci;
                double m00i = k00r * ai + k00i * ar + k01r * ci + k01i * cr;
                double m01r = k00r * br - k00i * bi + k01r * dr - k01i * di;
                double m01i = k00r * bi + k00i * br + k01r * di + k01i * dr;
                double m10r = k10r * ar - k10i * ai + k11r * cr - k11i * ci;
                double m10i = k10r * ai + k10i * ar + k11r * ci + k11i * cr;
                double m11r = k10r * br - k10i * bi + k11r * dr - k11i * di;
                double m11i = k10r * bi + k10i * br + k11r * di + k11i * dr;
                // M K†: entry (i, j) = Σ_l M[i, l]·conj(K[j, l])
                rho[i00] = m00r * k00r + m00i * k00i + m01r * k01r + m01i * k01i;
                rho[i00 + 1] = m00i * k00r - m00r * k00i + m01i * k01r - m01r * k01i;
                rho[i01] = m00r * k10r + m00i * k10i + m01r * k11r + m01i * k11i;
                rho[i01 + 1] = m00i * k10r - m00r * k10i + m01i * k11r - m01r * k11i;
                rho[i10] = m10r * k00r + m10i * k00i + m11r * k01r + m11i * k01i;
                rho[i10 + 1] = m10i * k00r - m10r * k00i + m11i * k01r - m11r * k01i;
                rho[i11] = m10r * k10r + m10i * k10i + m11r * k11r + m11i * k11i;
                rho[i11 + 1] = m10i * k10r - m10r * k10i + m11i * k11r - m11r * k11i;
            }
        }
    }

    /**
     * ρ → K ρ K† for a 4×4 operator K ({@code double[32]}) on the qubits with bits {@code maskHi}
     * (K's most significant qubit) and {@code maskLo}.
     */
    static void sandwich2(double[] rho, int dim, int maskHi, int maskLo, double[] k) {
        // CNOT, CZ and SWAP have one non-zero per row: moving entries is several times cheaper than
        // multiplying by a dense 4×4.
        int[] sigma = new int[4];
        for (int i = 0; i < 4; i++) {
            int count = 0;
            for (int l = 0; l < 4; l++) {
                if (k[8 * i + 2 * l] != 0 || k[8 * i + 2 * l + 1] != 0) {
                    sigma[i] = l;
                    count++;
                }
            }
            if (count != 1) {
                sandwich2Dense(rho, dim, maskHi, maskLo, k);
                return;
            }
        }
        permuteWithPhases(rho, dim, new int[] {0, maskLo, maskHi, maskHi | maskLo}, k, sigma);
    }

    /** K ρ K† in two passes, K from the left over row quartets, then K† from the right over column quartets. */
    private static void sandwich2Dense(double[] rho, int dim, int maskHi, int maskLo, double[] k) {
        final int both = maskHi | maskLo;
        final int stride = 2 * dim;
        for (int base = 0; base < dim; base++) {
            if ((base & both) != 0) {
                continue;
            }
            int p0 = base * stride;
            int p1 = (base | maskLo) * stride;
            int p2 = (base | maskHi) * stride;
            int p3 = (base | both) * stride;
            for (int c = 0; c < stride; c += 2) {
                double v0r = rho[p0 + c], v0i = rho[p0 + c + 1];
                double v1r = rho[p1 + c], v1i = rho[p1 + c + 1];
                double v2r = rho[p2 + c], v2i = rho[p2 + c + 1];
                double v3r = rho[p3 + c], v3i = rho[p3 + c + 1];
                for (int i = 0; i < 4; i++) {
                    int kb = 8 * i;
                    double wr = k[kb] * v0r - k[kb + 1] * v0i + k[kb + 2] * v1r - k[kb + 3] * v1i
                            + k[kb + 4] * v2r - k[kb + 5] * v2i + k[kb + 6] * v3r - k[kb + 7] * v3i;
                    double wi = k[kb] * v0i + k[kb + 1] * v0r + k[kb + 2] * v1i + k[kb + 3] * v1r
                            + k[kb + 4] * v2i + k[kb + 5] * v2r + k[kb + 6] * v3i + k[kb + 7] * v3r;
                    int p = i == 0 ? p0 : i == 1 ? p1 : i == 2 ? p2 : p3;
                    rho[p + c] = wr;
                    rho[p + c + 1] = wi;
                }
            }
        }
        for (int r = 0; r < dim; r++) {
            int row = r * stride;
            for (int base = 0; base < dim; base++) {
                if ((base & both) != 0) {
                    continue;
                }
                int q0 = row + 2 * base;
                int q1 = row + 2 * (base | maskLo);
                int q2 = row + 2 * (base | maskHi);
                int q3 = row + 2 * (base | both);
                double v0r = rho[q0], v0i = rho[q0 + 1];
                double v1r = rho[q1], v1i = rho[q1 + 1];
                double v2r = rho[q2], v2i = rho[q2 + 1];
                double v3r = rho[q3], v3i = rho[q3 + 1];
                for (int i = 0; i < 4; i++) {
                    int kb = 8 * i;
                    // Σ_j v_j · conj(K[i, j])
                    double wr = v0r * k[kb] + v0i * k[kb + 1] + v1r * k[kb + 2] + v1i * k[kb + 3]
                            + v2r * k[kb + 4] + v2i * k[kb + 5] + v3r * k[kb + 6] + v3i * k[kb + 7];
                    double wi = v0i * k[kb] - v0r * k[kb + 1] + v1i * k[kb + 2] - v1r * k[kb + 3]
                            + v2i * k[kb + 4] - v2r * k[kb + 5] + v3i * k[kb + 6] - v3r * k[kb + 7];
                    int q = i == 0 ? q0 : i == 1 ? q1 : i == 2 ? q2 : q3;
                    rho[q] = wr;
                    rho[q + 1] = wi;
                }
            }
        }
    }

    /**
     * K ρ K† for a K with exactly one non-zero per row, K[i, σ(i)] (CNOT, CZ, SWAP, …): each entry of a
     * 4×4 block is one other entry times two phases, {@code B'[i, j] = K[i, σi]·B[σi, σj]·conj(K[j, σj])}.
     * {@code sigma[i]} holds σ(i).
     */
    private static void permuteWithPhases(double[] rho, int dim, int[] offsets, double[] k, int[] sigma) {
        final int both = offsets[3];
        final int[] sourceOffset = new int[4];
        final int[] colSource = new int[4];
        final double[] phase = new double[8];
        boolean plain = true;
        for (int i = 0; i < 4; i++) {
            int l = sigma[i];
            sourceOffset[i] = offsets[l];
            phase[2 * i] = k[8 * i + 2 * l];
            phase[2 * i + 1] = k[8 * i + 2 * l + 1];
            plain &= phase[2 * i] == 1 && phase[2 * i + 1] == 0;
        }
        final double[] block = new double[32];
        for (int rBase = 0; rBase < dim; rBase++) {
            if ((rBase & both) != 0) {
                continue;
            }
            for (int cBase = 0; cBase < dim; cBase++) {
                if ((cBase & both) != 0) {
                    continue;
                }
                for (int j = 0; j < 4; j++) {
                    colSource[j] = 2 * (cBase | sourceOffset[j]);
                }
                // Gather first: the block is permuted in place.
                for (int i = 0; i < 4; i++) {
                    int row = 2 * (rBase | sourceOffset[i]) * dim;
                    for (int j = 0; j < 4; j++) {
                        block[8 * i + 2 * j] = rho[row + colSource[j]];
                        block[8 * i + 2 * j + 1] = rho[row + colSource[j] + 1];
                    }
                }
                for (int i = 0; i < 4; i++) {
                    int row = 2 * (rBase | offsets[i]) * dim;
                    for (int j = 0; j < 4; j++) {
                        int d = row + 2 * (cBase | offsets[j]);
                        double br = block[8 * i + 2 * j];
                        double bi = block[8 * i + 2 * j + 1];
                        if (plain) {
                            rho[d] = br;
                            rho[d + 1] = bi;
                            continue;
                        }
                        // phase_i · b · conj(phase_j)
                        double pr = phase[2 * i] * phase[2 * j] + phase[2 * i + 1] * phase[2 * j + 1];
                        double pi = phase[2 * i + 1] * phase[2 * j] - phase[2 * i] * phase[2 * j + 1];
                        rho[d] = pr * br - pi * bi;
                        rho[d + 1] = pr * bi + pi * br;
                    }
                }
            }
        }
    }

    /**
     * ρ → PρP for the permutation P of basis states that swaps index i with {@code i ^ flip} for every
     * i with {@code (i & condMask) == condValue} (the partner must fail the condition, so each pair is
     * named once). CNOT(c, t) is (c|t, c, t), X(q) is (q, 0, q), SWAP(a, b) is (a|b, a, a|b). Moving
     * entries costs nothing like a 4×4 matrix product, and nothing is allocated.
     */
    static void swapIndexPairs(double[] rho, int dim, int condMask, int condValue, int flip) {
        final int stride = 2 * dim;
        // The indices meeting the condition are condValue plus any sub-mask of the free bits, enumerated
        // in increasing order by s → (s − free) & free: no index is tested and skipped.
        final int free = (dim - 1) & ~condMask;
        for (int s = 0; ; s = (s - free) & free) {
            int a = (s | condValue) * stride;
            int b = ((s | condValue) ^ flip) * stride;
            for (int k = 0; k < stride; k++) {
                double t = rho[a + k];
                rho[a + k] = rho[b + k];
                rho[b + k] = t;
            }
            if (s == free) {
                break;
            }
        }
        for (int row = 0; row < rho.length; row += stride) {
            for (int s = 0; ; s = (s - free) & free) {
                int a = row + 2 * (s | condValue);
                int b = row + 2 * ((s | condValue) ^ flip);
                double re = rho[a];
                double im = rho[a + 1];
                rho[a] = rho[b];
                rho[a + 1] = rho[b + 1];
                rho[b] = re;
                rho[b + 1] = im;
                if (s == free) {
                    break;
                }
            }
        }
    }

    /**
     * ρ → DρD for the diagonal ±1 matrix D that is −1 on the basis states with every bit of {@code mask}
     * set: Z(q) with mask q, CZ(a, b) with mask a|b. An entry changes sign when exactly one of its row
     * and column is such a state.
     */
    static void flipSigns(double[] rho, int dim, int mask) {
        for (int r = 0; r < dim; r++) {
            boolean rowFlipped = (r & mask) == mask;
            int row = 2 * r * dim;
            for (int c = 0; c < dim; c++) {
                if (rowFlipped != ((c & mask) == mask)) {
                    rho[row + 2 * c] = -rho[row + 2 * c];
                    rho[row + 2 * c + 1] = -rho[row + 2 * c + 1];
                }
            }
        }
    }

    /** Multiplies every entry whose row and column differ in the qubit's bit (its coherences). */
    static void scaleCoherence(double[] rho, int dim, int mask, double factor) {
        for (int r = 0; r < dim; r++) {
            int row = 2 * r * dim;
            int rowBit = r & mask;
            for (int c = 0; c < dim; c++) {
                if ((c & mask) != rowBit) {
                    rho[row + 2 * c] *= factor;
                    rho[row + 2 * c + 1] *= factor;
                }
            }
        }
    }

    /** ρ → (1−p)ρ + p·(I/2 ⊗ Tr_q ρ). */
    static void depolarize1(double[] rho, int dim, int mask, double p) {
        final double keep = 1 - p;
        for (int r0 = 0; r0 < dim; r0++) {
            if ((r0 & mask) != 0) {
                continue;
            }
            int r1 = r0 | mask;
            for (int c0 = 0; c0 < dim; c0++) {
                if ((c0 & mask) != 0) {
                    continue;
                }
                int c1 = c0 | mask;
                int d0 = 2 * (r0 * dim + c0);
                int d1 = 2 * (r1 * dim + c1);
                double halfRe = 0.5 * p * (rho[d0] + rho[d1]);
                double halfIm = 0.5 * p * (rho[d0 + 1] + rho[d1 + 1]);
                rho[d0] = keep * rho[d0] + halfRe;
                rho[d0 + 1] = keep * rho[d0 + 1] + halfIm;
                rho[d1] = keep * rho[d1] + halfRe;
                rho[d1 + 1] = keep * rho[d1 + 1] + halfIm;
                int o0 = 2 * (r0 * dim + c1);
                int o1 = 2 * (r1 * dim + c0);
                rho[o0] *= keep;
                rho[o0 + 1] *= keep;
                rho[o1] *= keep;
                rho[o1 + 1] *= keep;
            }
        }
    }

    /** ρ → (1−p)ρ + p·(I/4 ⊗ Tr_{q1 q2} ρ). */
    static void depolarize2(double[] rho, int dim, int maskA, int maskB, double p) {
        final double keep = 1 - p;
        final int both = maskA | maskB;
        final int[] offsets = {0, maskB, maskA, both};
        for (int r = 0; r < dim; r++) {
            if ((r & both) != 0) {
                continue;
            }
            for (int c = 0; c < dim; c++) {
                if ((c & both) != 0) {
                    continue;
                }
                double sumRe = 0;
                double sumIm = 0;
                for (int j = 0; j < 4; j++) {
                    int d = 2 * ((r | offsets[j]) * dim + (c | offsets[j]));
                    sumRe += rho[d];
                    sumIm += rho[d + 1];
                }
                double addRe = 0.25 * p * sumRe;
                double addIm = 0.25 * p * sumIm;
                for (int i = 0; i < 4; i++) {
                    int row = (r | offsets[i]) * dim;
                    for (int j = 0; j < 4; j++) {
                        int d = 2 * (row + (c | offsets[j]));
                        rho[d] *= keep;
                        rho[d + 1] *= keep;
                        if (i == j) {
                            rho[d] += addRe;
                            rho[d + 1] += addIm;
                        }
                    }
                }
            }
        }
    }

    /**
     * Amplitude damping with Kraus operators K0 = diag(1, √(1−γ)), K1 = √γ|0⟩⟨1|, written out: population
     * flows from |1⟩ to |0⟩ and coherences shrink by √(1−γ).
     */
    static void amplitudeDamp(double[] rho, int dim, int mask, double gamma) {
        final double keep = 1 - gamma;
        final double sqrtKeep = Math.sqrt(keep);
        for (int r0 = 0; r0 < dim; r0++) {
            if ((r0 & mask) != 0) {
                continue;
            }
            int r1 = r0 | mask;
            for (int c0 = 0; c0 < dim; c0++) {
                if ((c0 & mask) != 0) {
                    continue;
                }
                int c1 = c0 | mask;
                int d0 = 2 * (r0 * dim + c0);
                int d1 = 2 * (r1 * dim + c1);
                rho[d0] += gamma * rho[d1];
                rho[d0 + 1] += gamma * rho[d1 + 1];
                rho[d1] *= keep;
                rho[d1 + 1] *= keep;
                int o0 = 2 * (r0 * dim + c1);
                int o1 = 2 * (r1 * dim + c0);
                rho[o0] *= sqrtKeep;
                rho[o0 + 1] *= sqrtKeep;
                rho[o1] *= sqrtKeep;
                rho[o1 + 1] *= sqrtKeep;
            }
        }
    }
}
