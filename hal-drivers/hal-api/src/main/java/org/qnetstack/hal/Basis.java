package org.qnetstack.hal;

/** Single-qubit measurement bases. Outcome 0 is the +1 eigenstate (|0⟩, |+⟩, |+i⟩). */
public enum Basis {
    Z, X, Y
}
