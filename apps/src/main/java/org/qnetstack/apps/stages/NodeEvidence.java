package org.qnetstack.apps.stages;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one node's local sacrificed rounds showed.
 *
 * @param node          the node
 * @param spamErrors    error rates of preparing and measuring |0⟩, |1⟩ (in Z) and |+⟩, |−⟩ (in X), in that
 *                      order: each round initialises a qubit, applies X and/or H, and measures
 * @param bellErrors    error rates of the parities ZZ, XX, YY of a Bell state made locally by H and CNOT on two
 *                      qubits, in that order; null if the node could not hold two qubits (the reason is in
 *                      {@code gateProblem})
 * @param gateProblem   why the Bell rounds could not run, or null
 * @param circuitNanos  C_m: the program-visible time of a depth-m circuit (m layers of H and CNOT, then a
 *                      measurement), in ns; 0 when the node's clock does not advance for local operations
 */
public record NodeEvidence(String node, List<Proportion> spamErrors, @Nullable List<Proportion> bellErrors,
                           @Nullable String gateProblem, long circuitNanos) {
    public NodeEvidence {
        spamErrors = List.copyOf(spamErrors);
        bellErrors = bellErrors == null ? null : List.copyOf(bellErrors);
    }

    /**
     * ε_M of this node: the worst upper end over the four prepare-and-measure rounds. It includes the errors of
     * initialisation and of the X and H applied, so it bounds the measurement's error from above as an
     * estimate, and serves as the single-qubit operation error too.
     */
    public double measurementError() {
        return spamErrors.stream().mapToDouble(Proportion::high).max().orElse(1);
    }

    /**
     * ε of a two-qubit gate, from the fidelity F of the Bell state it made: F = 1 − (e_ZZ + e_XX + e_YY)/2 at
     * the upper ends of the error rates, and the distance √(1 − F) of Box 1 of the stages paper. Preparation
     * and measurement errors are in it too. 1 when the node cannot hold two qubits.
     */
    public double twoQubitGateError() {
        return bellErrors == null ? 1 : Math.sqrt(Math.min(1, Evidence.infidelityUpper(bellErrors)));
    }
}
