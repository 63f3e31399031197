package org.qnetstack.hal;

/**
 * A node's quantum processor as the stack sees it: numbered qubits, gates, measurement and photon
 * emission for entanglement attempts. Calls are made from the node's event loop only. Each operation
 * takes effect when called and returns how long it occupies the device in nanoseconds, so a protocol
 * can wait that long before its next step.
 *
 * <p>Qubit numbers run from 0 to {@code info().qubitCount() − 1}. Which numbers are in use is decided
 * by the physical layer's memory manager, not by the device.
 */
public interface QuantumDevice {
    DeviceInfo info();

    /** Resets the qubit to |0⟩. */
    long initialize(int qubit);

    long apply(Gate gate, int qubit);

    long rotate(Axis axis, double angleRadians, int qubit);

    long apply(TwoQubitGate gate, int control, int target);

    /** Measures the qubit in the basis; the qubit is left in the eigenstate it was found in. */
    Measurement measure(int qubit, Basis basis);

    /**
     * Measures the qubit along any axis: a Pauli axis directly, any other by rotating it onto Z (about Z by
     * −φ, then about Y by −θ) and measuring in Z, with the rotations' time and noise.
     */
    default Measurement measure(int qubit, MeasurementAxis axis) {
        Basis pauli = axis.pauli();
        if (pauli != null) {
            return measure(qubit, pauli);
        }
        long duration = 0;
        if (axis.phi() != 0) {
            duration += rotate(Axis.Z, -axis.phi(), qubit);
        }
        duration += rotate(Axis.Y, -axis.theta(), qubit);
        Measurement m = measure(qubit, Basis.Z);
        return new Measurement(m.outcome(), duration + m.durationNanos());
    }

    /**
     * Makes this end's part of an entanglement attempt on the link, as its scheme requires: for the
     * midpoint schemes (and the emitting node of the source-node scheme) the communication qubit is
     * prepared in √(1−α)|0⟩ + √α|1⟩ and its bright state |1⟩ emits a photon towards the station; where
     * this node's memory absorbs a photon instead, it is readied to absorb (α is then unused). The qubit
     * must have been initialised. {@code slot} numbers the attempt on the link's common slot clock, so the two
     * ends' photons meet at the station.
     */
    long emit(int qubit, String link, long slot, double alpha);

    /**
     * Whether this device can run attempts by itself ({@link #startAttempts}); if not, the stack
     * makes each attempt with {@link #emit}.
     */
    default boolean supportsAttemptRuns() {
        return false;
    }

    /**
     * Starts attempting by itself, as described by the spec; the qubit stays the run's until it is
     * stopped (or, for a keep run, until its success).
     *
     * @throws UnsupportedOperationException if {@link #supportsAttemptRuns()} is false
     */
    default AttemptRun startAttempts(AttemptRunSpec spec) {
        throw new UnsupportedOperationException(info().model() + " makes attempts only one at a time: use emit");
    }

    /**
     * Moves the state of qubit {@code from} to qubit {@code to} (which is initialised first), leaving
     * {@code from} in |0⟩; entanglement with other qubits moves along. The default uses two CNOTs, with
     * their duration and noise; devices with a native swap or state transfer override it.
     */
    default long move(int from, int to) {
        return initialize(to) + apply(TwoQubitGate.CNOT, from, to) + apply(TwoQubitGate.CNOT, to, from);
    }

    /** Forgets the qubit's state (it is traced out) so the qubit can be used afresh. */
    void discard(int qubit);

    /** The result of a measurement and how long it took. */
    record Measurement(int outcome, long durationNanos) {
    }
}
