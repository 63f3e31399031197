package org.qnetstack.sim.state;

import static org.qnetstack.sim.state.BasisStates.Z_EIGEN;
import static org.qnetstack.sim.state.BasisStates.eigenvector;
import static org.qnetstack.sim.state.BasisStates.expectation;

import org.qnetstack.hal.Basis;

/**
 * Holds the quantum state of every simulated qubit. Qubits are int ids. Qubits that have interacted
 * live in one group with one density matrix; a two-qubit gate across groups merges them (tensor
 * product); measuring, resetting or discarding a qubit splits it out (partial trace). Single-threaded.
 *
 * <p>Matrices passed in and out use one layout: complex, row-major, real and imaginary parts
 * interleaved, the first qubit named the most significant. A 2×2 matrix is {@code double[8]}, a 4×4
 * matrix {@code double[32]}, an n-qubit density matrix {@code double[2·4^n]}.
 *
 * <p>Gate and Kraus matrices are trusted to be unitary / trace preserving; they are not checked on
 * every call because that would cost as much as applying them to a small group.
 *
 * <p>Two fast paths give the same results as the dense matrices (to rounding, about 1e-16):
 *
 * <ul>
 *   <li>The constant gates {@link Gates#X}, {@link Gates#Y}, {@link Gates#Z}, {@link Gates#CNOT},
 *       {@link Gates#CZ} and {@link Gates#SWAP}, recognised by identity, move or negate matrix entries
 *       instead of multiplying matrices, and allocate nothing.
 *   <li>A pair in a Bell-diagonal state (set by {@link #setBellDiagonal}, or any two-qubit state set,
 *       measured or traced down to one that is Bell-diagonal, such as a Werner pair or what remains
 *       of two after a swap) is stored as its four Bell weights. Pauli gates, SWAP, depolarising and
 *       dephasing noise, memory decay without T1, measurement and reading it act on the weights in
 *       O(1); any other operation turns the pair into its dense matrix first, transparently. Half a
 *       million such pairs take a few tens of MB.
 * </ul>
 */
public final class StateEngine {
    /** A group of 13 qubits would need 1 GiB; refuse before the allocation fails. */
    public static final int MAX_GROUP_QUBITS = 12;

    /**
     * An outcome whose probability is below this cannot be renormalised meaningfully; it is only ever
     * drawn because of rounding (e.g. P(0) = 1e-17 instead of 0), so the other outcome is taken.
     */
    private static final double NEGLIGIBLE_PROBABILITY = 1e-12;

    private static final double INPUT_TOLERANCE = 1e-9;

    private final KrausChannels channels = new KrausChannels();
    private final QubitGroups groups;

    public StateEngine() {
        this(true);
    }

    private StateEngine(boolean bellDiagonalPairs) {
        this.groups = new QubitGroups(bellDiagonalPairs);
    }

    /** An engine that keeps every state as a dense matrix: the reference the fast paths are tested against. */
    static StateEngine denseOnly() {
        return new StateEngine(false);
    }

    // ---- allocation ------------------------------------------------------------------------------

    /** A new qubit in |0⟩⟨0|, in its own group. The lowest free id is used, so runs are reproducible. */
    public int allocate() {
        return groups.allocate(Z_EIGEN[0]);
    }

    /** Traces the qubit out of its group and forgets it; the id may be handed out again. */
    public void free(int q) {
        groups.free(q);
    }

    public boolean isAllocated(int q) {
        return groups.isAllocated(q);
    }

    /** Whether q is half of a pair stored as Bell weights (for tests of the fast path). */
    boolean isStoredAsBellWeights(int q) {
        return groups.group(q).bell != null;
    }

    /** Number of qubits in q's group, q included. */
    public int groupSize(int q) {
        return groups.group(q).size();
    }

    /** The ids of the qubits in q's group, in the group's internal order. */
    public int[] groupMembers(int q) {
        return groups.group(q).ids.clone();
    }

    /** Traces the qubit out of its group, then prepares it in |0⟩. */
    public void reset(int q) {
        groups.detach(q);
        groups.set(q, QubitGroup.singleton(q, Z_EIGEN[0]));
    }

    // ---- gates and channels ----------------------------------------------------------------------

    /** Applies a 2×2 unitary ({@code double[8]}). */
    public void apply(int q, double[] u2) {
        requireLength(u2, 8, "single-qubit gate");
        QubitGroup g = groups.group(q);
        int pauli = pauliFlip(u2);
        if (g.bell != null && pauli >= 0) {
            BellDiagonal.pauli(g.bell, pauli);
            return;
        }
        double[] rho = g.dense();
        int mask = g.mask(q);
        if (pauli < 0) {
            DensityOps.sandwich1(rho, g.dim(), mask, u2);
            return;
        }
        if ((pauli & 1) != 0) { // Z or Y = iXZ: YρY† = X(ZρZ)X
            DensityOps.flipSigns(rho, g.dim(), mask);
        }
        if ((pauli & 2) != 0) {
            DensityOps.swapIndexPairs(rho, g.dim(), mask, 0, mask);
        }
    }

    /** Applies a 4×4 unitary ({@code double[32]}) with q1 the most significant qubit; merges groups. */
    public void apply(int q1, int q2, double[] u4) {
        requireLength(u4, 32, "two-qubit gate");
        QubitGroup g = groups.merged(q1, q2);
        if (g.bell != null && u4 == Gates.SWAP) {
            return; // every Bell state is symmetric or antisymmetric: its projector does not change
        }
        double[] rho = g.dense();
        int m1 = g.mask(q1);
        int m2 = g.mask(q2);
        if (u4 == Gates.CNOT) {
            DensityOps.swapIndexPairs(rho, g.dim(), m1 | m2, m1, m2);
        } else if (u4 == Gates.CZ) {
            DensityOps.flipSigns(rho, g.dim(), m1 | m2);
        } else if (u4 == Gates.SWAP) {
            DensityOps.swapIndexPairs(rho, g.dim(), m1 | m2, m1, m1 | m2);
        } else {
            DensityOps.sandwich2(rho, g.dim(), m1, m2, u4);
        }
    }

    /** ρ → Σ K ρ K† with 2×2 Kraus operators. */
    public void applyKraus(int q, double[][] kraus2) {
        requireKraus(kraus2, 8);
        QubitGroup g = groups.group(q);
        g.dense();
        channels.apply(g, kraus2, g.mask(q), 0);
    }

    /** ρ → Σ K ρ K† with 4×4 Kraus operators on (q1, q2), q1 the most significant; merges groups. */
    public void applyKraus(int q1, int q2, double[][] kraus4) {
        requireKraus(kraus4, 32);
        QubitGroup g = groups.merged(q1, q2);
        g.dense();
        channels.apply(g, kraus4, g.mask(q1), g.mask(q2));
    }

    /** ρ → (1−p)ρ + p·I/2 on the qubit: p is the probability of replacement by the maximally mixed state. */
    public void depolarize(int q, double p) {
        requireProbability(p, "p");
        QubitGroup g = groups.group(q);
        if (g.bell != null) {
            BellDiagonal.depolarize(g.bell, p);
            return;
        }
        DensityOps.depolarize1(g.rho, g.dim(), g.mask(q), p);
    }

    /** ρ → (1−p)ρ + p·(I/4 ⊗ Tr_{q1 q2} ρ): both qubits jointly replaced with probability p. Merges groups. */
    public void depolarize(int q1, int q2, double p) {
        requireProbability(p, "p");
        QubitGroup g = groups.merged(q1, q2);
        if (g.bell != null) {
            BellDiagonal.depolarize(g.bell, p);
            return;
        }
        DensityOps.depolarize2(g.rho, g.dim(), g.mask(q1), g.mask(q2), p);
    }

    /** ρ → (1−p)ρ + p·ZρZ: coherences shrink by 1−2p. */
    public void dephase(int q, double p) {
        requireProbability(p, "p");
        scaleCoherence(groups.group(q), q, 1 - 2 * p);
    }

    /** Amplitude damping: |1⟩ decays to |0⟩ with probability gamma. */
    public void amplitudeDamp(int q, double gamma) {
        requireProbability(gamma, "gamma");
        QubitGroup g = groups.group(q);
        if (gamma == 0) {
            return; // the identity: a Bell-diagonal pair stays one
        }
        DensityOps.amplitudeDamp(g.dense(), g.dim(), g.mask(q), gamma);
    }

    /**
     * Memory decay over time t: amplitude damping with γ = 1 − e^(−t/T1), then as much pure dephasing as
     * makes the coherences decay by e^(−t/T2) overall. An infinite T1 or T2 means no decay of that kind;
     * T2 ≤ 2·T1 is required (an infinite T2 therefore needs an infinite T1).
     *
     * @throws IllegalArgumentException if t is negative, a time is not positive, or T2 > 2·T1
     */
    public void decay(int q, double t, double t1, double t2) {
        if (!(t >= 0) || !(t1 > 0) || !(t2 > 0)) {
            throw new IllegalArgumentException("need t ≥ 0, T1 > 0, T2 > 0: t=" + t + ", T1=" + t1 + ", T2=" + t2);
        }
        if (!(t2 <= 2 * t1)) {
            throw new IllegalArgumentException("T2 must not exceed 2·T1: T1=" + t1 + ", T2=" + t2);
        }
        QubitGroup g = groups.group(q);
        if (t == 0) {
            return;
        }
        double rate1 = Double.isInfinite(t1) ? 0 : 1 / t1;
        double rate2 = Double.isInfinite(t2) ? 0 : 1 / t2;
        if (rate1 > 0) {
            DensityOps.amplitudeDamp(g.dense(), g.dim(), g.mask(q), -Math.expm1(-t * rate1));
        }
        // Amplitude damping already shrank coherences by e^(−t/2T1); dephase for the rest. At T2 = 2·T1 the
        // difference may round to a hair below zero.
        double extraRate = Math.max(0, rate2 - rate1 / 2);
        if (extraRate > 0) {
            scaleCoherence(g, q, Math.exp(-t * extraRate));
        }
    }

    /** Gaussian dephasing (trapped ions): coherences multiplied by exp(−2t²/τ²). An infinite τ does nothing. */
    public void gaussianDephase(int q, double t, double tau) {
        if (!(t >= 0) || !(tau > 0)) {
            throw new IllegalArgumentException("need t ≥ 0 and τ > 0: t=" + t + ", τ=" + tau);
        }
        double ratio = t / tau;
        scaleCoherence(groups.group(q), q, Math.exp(-2 * ratio * ratio));
    }

    // ---- measurement -----------------------------------------------------------------------------

    /** Probability of outcome 0, the +1 eigenstate of the basis (|0⟩, |+⟩, |+i⟩). Does not disturb the state. */
    public double probabilityOfZero(int q, Basis basis) {
        QubitGroup g = groups.group(q);
        if (g.bell != null) {
            eigenvector(basis, 0); // checks the basis
            return clamp01(0.5 * BellDiagonal.sum(g.bell)); // either qubit of the pair is maximally mixed
        }
        return clamp01(expectation(Subsystems.reduceToOne(g.rho, g.dim(), g.mask(q)), eigenvector(basis, 0)));
    }

    /**
     * Projective measurement: outcome 0 if {@code uniform < P(0)}, else 1 (an outcome of probability below
     * 1e-12 is never returned: it can only be drawn by rounding). Afterwards q is alone in its own group in
     * the eigenstate found, and the rest of its former group holds the conditioned, renormalised state.
     *
     * @param uniform a number in [0, 1), normally drawn uniformly by the caller
     */
    public int measure(int q, Basis basis, double uniform) {
        if (!(uniform >= 0 && uniform <= 1)) {
            throw new IllegalArgumentException("uniform must be in [0, 1]: " + uniform);
        }
        QubitGroup g = groups.group(q);
        if (g.bell != null) {
            return measureBellPair(g, q, basis, uniform);
        }
        int mask = g.mask(q);
        double p0 = clamp01(expectation(Subsystems.reduceToOne(g.rho, g.dim(), mask), eigenvector(basis, 0)));
        int outcome = draw(p0, uniform);
        double[] v = eigenvector(basis, outcome);
        if (g.size() > 1) {
            double[] rest = Subsystems.project(g.rho, g.dim(), mask, v);
            int restDim = g.dim() / 2;
            // Normalising by the block's own trace rather than p keeps the trace exactly 1 despite rounding.
            double scale = 1 / Subsystems.realTrace(rest, restDim);
            for (int k = 0; k < rest.length; k++) {
                rest[k] *= scale;
            }
            groups.adopt(groups.compacted(new QubitGroup(g.idsWithout(q), rest)));
        }
        groups.set(q, QubitGroup.singleton(q, v));
        return outcome;
    }

    /** Outcome 0 if {@code uniform < p0}, else 1, never one of probability below 1e-12 (only rounding draws it). */
    private static int draw(double p0, double uniform) {
        int outcome = uniform < p0 ? 0 : 1;
        if ((outcome == 0 ? p0 : 1 - p0) < NEGLIGIBLE_PROBABILITY) {
            outcome ^= 1;
        }
        return outcome;
    }

    /**
     * Measures one qubit of a Bell-diagonal pair. With ρ = ¼(S·II + Σ_k t_k σ_k⊗σ_k) (S the weights' sum,
     * t_k the correlations), the outcome is even odds and the partner is left in (I + s·(t_k/S)·σ_k)/2
     * for the outcome's eigenvalue s = ±1 of the basis's σ_k.
     */
    private int measureBellPair(QubitGroup g, int q, Basis basis, double uniform) {
        double[] v0 = eigenvector(basis, 0);
        double sum = BellDiagonal.sum(g.bell);
        int outcome = draw(clamp01(0.5 * sum), uniform);
        int axis = basis == Basis.X ? 0 : basis == Basis.Y ? 1 : 2;
        double half = 0.5 * (outcome == 0 ? 1 : -1) * BellDiagonal.correlation(g.bell, axis) / sum;
        double[] rest = {0.5, 0, 0, 0, 0, 0, 0.5, 0};
        switch (axis) {
            case 0 -> {
                rest[2] = half;
                rest[4] = half;
            }
            case 1 -> {
                rest[3] = -half;
                rest[5] = half;
            }
            default -> {
                rest[0] += half;
                rest[6] -= half;
            }
        }
        int partner = g.other(q);
        groups.set(partner, new QubitGroup(new int[] {partner}, rest));
        groups.set(q, QubitGroup.singleton(q, outcome == 0 ? v0 : eigenvector(basis, 1)));
        return outcome;
    }

    // ---- reading and writing states --------------------------------------------------------------

    /**
     * Replaces the joint state of the qubits: each is first traced out of its group, then they form one
     * group in the given order with state rho ({@code double[2·4^n]}, first qubit most significant).
     *
     * @throws IllegalArgumentException if rho has the wrong length, is not Hermitian or does not have
     *     trace 1 (tolerance 1e-9), or a qubit is repeated or not allocated
     */
    public void setState(int[] qubits, double[] rho) {
        groups.requireDistinctAllocated(qubits);
        int n = qubits.length;
        if (n > MAX_GROUP_QUBITS) {
            throw new IllegalArgumentException("at most " + MAX_GROUP_QUBITS + " qubits per group, got " + n);
        }
        int dim = 1 << n;
        if (rho.length != 2 * dim * dim) {
            throw new IllegalArgumentException(
                    "density matrix of " + n + " qubits needs " + 2 * dim * dim + " doubles, got " + rho.length);
        }
        double trace = 0;
        for (int r = 0; r < dim; r++) {
            trace += rho[2 * (r * dim + r)];
            for (int c = r; c < dim; c++) {
                int upper = 2 * (r * dim + c);
                int lower = 2 * (c * dim + r);
                if (!(Math.abs(rho[upper] - rho[lower]) <= INPUT_TOLERANCE)
                        || !(Math.abs(rho[upper + 1] + rho[lower + 1]) <= INPUT_TOLERANCE)) {
                    throw new IllegalArgumentException("density matrix is not Hermitian at (" + r + ", " + c + ")");
                }
            }
        }
        if (!(Math.abs(trace - 1) <= INPUT_TOLERANCE)) {
            throw new IllegalArgumentException("density matrix trace must be 1, is " + trace);
        }
        for (int q : qubits) {
            groups.detach(q);
        }
        groups.adopt(groups.compacted(new QubitGroup(qubits.clone(), rho.clone())));
    }

    /**
     * Puts (a, b) into the Bell-diagonal state {@code Σ_k w_k |β_k⟩⟨β_k|} with the weights in the order
     * Φ+, Φ−, Ψ+, Ψ− (a Werner pair of fidelity F is (F, (1−F)/3, (1−F)/3, (1−F)/3)); each qubit is first
     * traced out of its group. The pair is stored as the four weights.
     *
     * @throws IllegalArgumentException if there are not 4 weights, one is negative or they do not sum to
     *     1 (tolerance 1e-9), or a qubit is repeated or not allocated
     */
    public void setBellDiagonal(int a, int b, double[] weights) {
        groups.requireDistinctAllocated(new int[] {a, b});
        requireLength(weights, 4, "Bell-diagonal weights");
        for (int k = 0; k < 4; k++) {
            if (!(weights[k] >= -INPUT_TOLERANCE)) {
                throw new IllegalArgumentException("Bell weight " + k + " must not be negative: " + weights[k]);
            }
        }
        double sum = BellDiagonal.sum(weights);
        if (!(Math.abs(sum - 1) <= INPUT_TOLERANCE)) {
            throw new IllegalArgumentException("Bell weights must sum to 1, sum to " + sum);
        }
        groups.detach(a);
        groups.detach(b);
        groups.adopt(groups.keepsBellPairs()
                ? QubitGroup.bellPair(a, b, weights.clone())
                : new QubitGroup(new int[] {a, b}, BellDiagonal.toDensity(weights)));
    }

    /**
     * Reduced density matrix of the qubits in the given order: the rest of their groups is traced out,
     * and qubits from different groups combine as a tensor product.
     */
    public double[] densityMatrix(int... qubits) {
        return ReducedStates.of(groups, qubits);
    }

    /** ⟨ψ|ρ|ψ⟩ of the qubits' reduced state and a pure state ψ ({@code double[2·2^n]}, first qubit most significant). */
    public double fidelity(int[] qubits, double[] psi) {
        int dim = 1 << qubits.length;
        requireLength(psi, 2 * dim, "state vector of " + qubits.length + " qubits");
        double[] rho = densityMatrix(qubits);
        double sum = 0;
        for (int r = 0; r < dim; r++) {
            double ar = psi[2 * r];
            double ai = -psi[2 * r + 1];
            for (int c = 0; c < dim; c++) {
                double rr = rho[2 * (r * dim + c)];
                double ri = rho[2 * (r * dim + c) + 1];
                double br = psi[2 * c];
                double bi = psi[2 * c + 1];
                // Real part of conj(ψ_r)·ρ_rc·ψ_c; the imaginary parts cancel for a Hermitian ρ.
                double mr = ar * rr - ai * ri;
                double mi = ar * ri + ai * rr;
                sum += mr * br - mi * bi;
            }
        }
        return sum;
    }

    /** Fidelity of (a, b), a most significant, to the Bell state with the index (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−). */
    public double bellFidelity(int a, int b, int bellIndex) {
        Gates.checkBellIndex(bellIndex);
        QubitGroup g = groups.group(a);
        if (g.bell != null && a != b && g.other(a) == b) {
            return g.bell[bellIndex]; // the same in either order: SWAP leaves Bell projectors alone
        }
        double[] rho = densityMatrix(a, b);
        // Φ± live on |00⟩,|11⟩ and Ψ± on |01⟩,|10⟩; F = ½(ρ_ii + ρ_jj) ± Re ρ_ij.
        int i = bellIndex < 2 ? 0 : 1;
        int j = 3 - i;
        double sign = (bellIndex & 1) == 0 ? 1 : -1;
        return 0.5 * (rho[2 * (5 * i)] + rho[2 * (5 * j)]) + sign * rho[2 * (4 * i + j)];
    }

    // ---- internals -------------------------------------------------------------------------------

    /** Multiplies q's coherences by f: dephasing, memory decay. */
    private static void scaleCoherence(QubitGroup g, int q, double f) {
        if (g.bell != null) {
            BellDiagonal.scaleCoherence(g.bell, f);
        } else {
            DensityOps.scaleCoherence(g.rho, g.dim(), g.mask(q), f);
        }
    }

    /** Which Pauli a gate constant is, as the Bell-index bits it flips (I 0, Z 1, X 2, Y 3); −1 for any other array. */
    private static int pauliFlip(double[] u2) {
        if (u2 == Gates.X) {
            return 2;
        } else if (u2 == Gates.Z) {
            return 1;
        } else if (u2 == Gates.Y) {
            return 3;
        } else if (u2 == Gates.I) {
            return 0;
        }
        return -1;
    }

    private static void requireKraus(double[][] kraus, int length) {
        if (kraus.length == 0) {
            throw new IllegalArgumentException("a channel needs at least one Kraus operator");
        }
        for (double[] k : kraus) {
            requireLength(k, length, "Kraus operator");
        }
    }

    private static void requireLength(double[] array, int length, String what) {
        if (array.length != length) {
            throw new IllegalArgumentException(what + " needs " + length + " doubles, got " + array.length);
        }
    }

    private static void requireProbability(double p, String name) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + p);
        }
    }

    private static double clamp01(double p) {
        return p < 0 ? 0 : p > 1 ? 1 : p;
    }
}
