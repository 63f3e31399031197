package org.qnetstack.hal;

/**
 * What a physical qubit can do. Only communication qubits can be entangled with a photon; storage
 * qubits hold states for longer (an NV centre's carbon spins, for example).
 */
public enum QubitRole {
    COMMUNICATION, STORAGE
}
