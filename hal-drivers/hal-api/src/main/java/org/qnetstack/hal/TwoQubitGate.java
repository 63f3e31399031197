package org.qnetstack.hal;

/** Two-qubit gates: CNOT (control, target) and CZ (symmetric). */
public enum TwoQubitGate {
    CNOT, CZ
}
