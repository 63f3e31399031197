package org.qnetstack.hal;

/**
 * Told by a simulator when qubits become entangled, so that a test or benchmark can follow which raw
 * pairs went into an end-to-end pair and how long each qubit was stored (e.g. to predict the fidelity
 * that memory decay leaves). Like {@link GroundTruth} it is for checking the stack: no protocol may use it.
 * Calls come on the simulation's thread, at the simulated time given.
 */
public interface StateWatcher {
    /** Qubits {@code a} and {@code b} were just given a fresh entangled state (a successful link attempt). */
    void paired(QubitAddress a, QubitAddress b, long nanos);

    /** A two-qubit gate just acted on {@code control} and {@code target} (of one node). */
    void twoQubitGate(QubitAddress control, QubitAddress target, long nanos);
}
