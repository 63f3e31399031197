package org.qnetstack.physical;

import java.util.BitSet;
import org.qnetstack.hal.DeviceInfo;
import org.qnetstack.hal.QubitRole;

/**
 * Which of a node's qubits are in use. Communication qubits are handed to entanglement attempts,
 * storage qubits to pairs moved out of the communication qubit and to application qubits. Every
 * allocation must be matched by a {@link #free}; {@link #inUse()} lets tests check that nothing leaks.
 */
public final class QubitMemory {
    private final DeviceInfo device;
    private final BitSet used = new BitSet();
    private final java.util.List<java.util.function.IntConsumer> freeListeners = new java.util.ArrayList<>();

    /** Calls the listener after each {@link #free}, with the qubit freed (protocols waiting for a qubit). */
    public void onFree(java.util.function.IntConsumer listener) {
        freeListeners.add(listener);
    }

    public QubitMemory(DeviceInfo device) {
        this.device = device;
    }

    /** A free qubit of the role, preferring the lowest number, or −1 if none is free. */
    public int tryAllocate(QubitRole role) {
        for (int q = 0; q < device.qubitCount(); q++) {
            if (!used.get(q) && device.roles().get(q) == role) {
                used.set(q);
                return q;
            }
        }
        return -1;
    }

    /** A free qubit, storage first (communication qubits are kept for attempts), or −1. */
    public int tryAllocateAny() {
        int q = tryAllocate(QubitRole.STORAGE);
        return q >= 0 ? q : tryAllocate(QubitRole.COMMUNICATION);
    }

    public void free(int qubit) {
        if (!used.get(qubit)) {
            throw new IllegalStateException("qubit " + qubit + " is not allocated");
        }
        used.clear(qubit);
        for (java.util.function.IntConsumer l : freeListeners) {
            l.accept(qubit);
        }
    }

    /** Whether the qubit is a communication qubit (one that can be entangled with a photon). */
    public boolean isCommunication(int qubit) {
        return device.roles().get(qubit) == QubitRole.COMMUNICATION;
    }

    public boolean isAllocated(int qubit) {
        return used.get(qubit);
    }

    public int inUse() {
        return used.cardinality();
    }

    public int capacity() {
        return device.qubitCount();
    }

    public DeviceInfo device() {
        return device;
    }
}
