package org.qnetstack.hal;

/**
 * How long each kind of operation takes on a device, in nanoseconds. Protocols plan their time slots
 * with these figures; a simulated device also lets its memories decohere for that long.
 *
 * @param initialization   resetting a qubit to |0⟩
 * @param singleQubitGate  one single-qubit gate or rotation
 * @param twoQubitGate     one two-qubit gate
 * @param measurement      reading out one qubit
 * @param emission         one entanglement attempt (spin-photon entanglement and emission)
 */
public record OperationDurations(long initialization, long singleQubitGate, long twoQubitGate,
                                 long measurement, long emission) {
    public OperationDurations {
        if (initialization < 0 || singleQubitGate < 0 || twoQubitGate < 0 || measurement < 0 || emission < 0) {
            throw new IllegalArgumentException("operation durations must be ≥ 0 ns");
        }
    }
}
