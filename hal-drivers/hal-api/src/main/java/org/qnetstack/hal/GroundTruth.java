package org.qnetstack.hal;

/**
 * The true quantum state, known only to a simulated platform. Tests and examples use it to check
 * what the stack claims (Bell index, fidelity) against reality; no protocol may depend on it.
 * Reading the truth does not disturb the state, but it does bring the qubits' memory decoherence up
 * to the current time, as touching them would.
 */
public interface GroundTruth {
    /**
     * Reduced density matrix of the qubits, in the order given (first qubit most significant),
     * row-major, real and imaginary parts interleaved: {@code 2·4^n} doubles.
     */
    double[] densityMatrix(QubitAddress... qubits);

    /** Fidelity of the two qubits' joint state to the Bell state with the index (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−). */
    double bellFidelity(QubitAddress a, QubitAddress b, int bellIndex);

    /**
     * The qubits whose state is held jointly with this one's: every qubit it may be entangled with
     * (the simulator keeps qubits that have interacted in one state until a measurement separates them).
     */
    java.util.List<QubitAddress> partners(QubitAddress qubit);

    /** Fidelity ⟨ψ|ρ|ψ⟩ of one qubit to the pure state ψ = (re0, im0, re1, im1). */
    double fidelity(QubitAddress qubit, double[] pureState);

    /**
     * Calls {@code watcher} from now on whenever qubits become entangled (see {@link StateWatcher}).
     *
     * @throws UnsupportedOperationException if this platform cannot report it
     */
    default void watch(StateWatcher watcher) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not report state events");
    }
}
