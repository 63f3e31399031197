package org.qnetstack.api;

/** The three Pauli bases a qubit can be measured in. Outcome 0 is the +1 eigenstate (|0⟩, |+⟩, |+i⟩). */
public enum Basis {
    Z, X, Y
}
