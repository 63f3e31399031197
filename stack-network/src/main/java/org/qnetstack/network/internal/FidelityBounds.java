package org.qnetstack.network.internal;

/**
 * The interval an end reports with a pair: bounds on its true fidelity that hold when the links' pairs are
 * Werner pairs of the fidelity the link layer reports and gates are perfect (the assumptions of the
 * estimate itself), whatever the memories did within their T1 and T2 over the pair's age.
 *
 * <p>Upper: without distillation the estimate (Werner pairs swapped: exact), i.e. no decay at all; distilled
 * pairs are Bell-diagonal but not Werner, and swapping them gives Σ_d p_d q_d, at most the value with every
 * error aligned ({@code aligned}, see {@code Circuit.Joined}) and at least Π F_i ({@code product}). Lower: every qubit
 * that went into the pair ({@code qubits}: two per raw link pair) was stored at most {@code age}.
 * Dephasing is a Pauli-Z channel, and Z errors pass through swaps and CNOTs as Pauli errors, so:
 * without distillation the end-to-end pair is the estimated Werner pair with a Z flip of probability
 * (1 − Π c_q)/2, c_q = e^(−age/T2); with distillation, the kept pair is at least the error-free part,
 * F ≥ P0 · N_tree · Π F_i with P0 = Π (1 + c_q)/2 the probability of no flip at all and N_tree the ideal
 * success probability of the rounds (post-selection can only raise the error-free share). Relaxation moves
 * at most 2γ of fidelity per qubit, γ = 1 − e^(−age/T1) (its Kraus operators differ from the identity by
 * γ in trace norm, twice), subtracted on top (double counting T1's part of T2 only widens the interval).
 */
record FidelityBounds(double lower, double upper) {
    static final FidelityBounds UNKNOWN = new FidelityBounds(0, 1);

    static FidelityBounds of(double estimate, double product, double aligned, int qubits, boolean distilled,
                             double treeSuccess, double ageNanos, double t1Nanos, double t2Nanos) {
        double age = Math.max(0, ageNanos);
        double c = Double.isInfinite(t2Nanos) ? 1 : Math.exp(-age / t2Nanos);
        double lower;
        if (distilled) {
            lower = Math.pow((1 + c) / 2, qubits) * treeSuccess * product;
        } else {
            lower = LinkEstimates.dephased(estimate, Math.pow(c, qubits));
        }
        double gamma = Double.isInfinite(t1Nanos) ? 0 : -Math.expm1(-age / t1Nanos);
        lower -= 2 * gamma * qubits;
        double upper = distilled ? Math.max(aligned, estimate) : estimate;
        return new FidelityBounds(Math.max(0, Math.min(lower, upper)), upper);
    }
}
