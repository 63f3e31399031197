package org.qnetstack.network;

/**
 * Entanglement distillation protocols (docs/physics.md, "Swapping and distillation"). Both take two pairs,
 * apply a bilateral CNOT (first pair control, second pair target), measure the second pair in Z at both
 * ends and keep the first pair only if the two outcomes agree.
 */
public enum DistillationProtocol {
    /** Deutsch et al.: the ends rotate their qubits by Rx(π/2) and Rx(−π/2) first; works on Bell-diagonal pairs. */
    DEJMPS,
    /** Bennett et al.: a random bilateral twirl for each pair, agreed by message, makes each pair Werner first. */
    BBPSSW
}
