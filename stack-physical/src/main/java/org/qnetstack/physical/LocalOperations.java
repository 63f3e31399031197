package org.qnetstack.physical;

import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.TwoQubitGate;

/**
 * The operations upper layers apply to the qubits the link layer handed them (a repeater's swap, a
 * distillation round), so they never touch the device themselves; every operation that consumes a qubit
 * gives it back to memory.
 */
public final class LocalOperations {
    private final QuantumDevice device;
    private final QubitMemory memory;

    public LocalOperations(QuantumDevice device, QubitMemory memory) {
        this.device = device;
        this.memory = memory;
    }

    /**
     * Bell-state measurement on (c, t) as docs/physics.md defines it: CNOT(c→t), H(c), measure both in Z.
     * Returns the Bell index 2·m_t + m_c and releases both qubits.
     */
    public int bellStateMeasurement(int c, int t) {
        device.apply(TwoQubitGate.CNOT, c, t);
        device.apply(Gate.H, c);
        int mc = device.measure(c, Basis.Z).outcome();
        int mt = device.measure(t, Basis.Z).outcome();
        release(c);
        release(t);
        return 2 * mt + mc;
    }

    public void apply(Gate gate, int qubit) {
        device.apply(gate, qubit);
    }

    public void rotate(Axis axis, double angleRadians, int qubit) {
        device.rotate(axis, angleRadians, qubit);
    }

    public void cnot(int control, int target) {
        device.apply(TwoQubitGate.CNOT, control, target);
    }

    public void apply(TwoQubitGate gate, int control, int target) {
        device.apply(gate, control, target);
    }

    /** Puts the qubit in |0⟩. */
    public void initialize(int qubit) {
        device.initialize(qubit);
    }

    /** Measures the qubit in the basis and returns the outcome; the qubit stays allocated. */
    public int measure(int qubit, Basis basis) {
        return device.measure(qubit, basis).outcome();
    }

    /** Measures the qubit along the axis and returns the outcome; the qubit stays allocated. */
    public int measure(int qubit, MeasurementAxis axis) {
        return device.measure(qubit, axis).outcome();
    }

    /** Forgets the qubit's state, leaving its allocation to whoever holds it (a node's stack that crashed). */
    public void discard(int qubit) {
        device.discard(qubit);
    }

    /** Measures the qubit in Z, releases it, and returns the outcome. */
    public int measureAndRelease(int qubit) {
        int outcome = device.measure(qubit, Basis.Z).outcome();
        release(qubit);
        return outcome;
    }

    /**
     * Measures the qubit along the axis (a Pauli axis directly, any other by rotating it onto Z first), releases
     * it, and returns the outcome: an end of a measure-directly pair that is done with its qubit at once.
     */
    public int measureAndRelease(int qubit, MeasurementAxis axis) {
        int outcome = device.measure(qubit, axis).outcome();
        release(qubit);
        return outcome;
    }

    /** Forgets the qubit's state and gives it back to memory. */
    public void release(int qubit) {
        device.discard(qubit);
        memory.free(qubit);
    }
}
