package org.qnetstack.api;

import java.util.List;
import org.qnetstack.hal.Basis;

/**
 * Teleportation over a kept pair: the sender's Bell-state measurement and two classical bits, the
 * receiver's Pauli correction. The pair's Bell index is folded in, so any of the four Bell states
 * works (physics.md: with a pair of index b, XOR b into the outcome first).
 */
public final class Teleport {
    /** The classical channel teleportation uses for its correction bits; applications use channels ≥ 0. */
    public static final int CHANNEL = -1;

    private Teleport() {
    }

    /**
     * Sends the qubit's state to the pair's other end and releases both qubits here. Blocks until the
     * correction bits are sent; call it from a sequential program.
     */
    public static void send(Node node, Qubit qubit, EprPair pair) {
        Qubit half = pair.qubit();
        qubit.cnot(half);
        qubit.h();
        int mc = qubit.measure(Basis.Z).block();
        int mt = half.measure(Basis.Z).block();
        node.classicalSocket(pair.remoteNode(), CHANNEL).send(List.of(mt, mc)).block();
    }

    /** Receives the teleported state into the pair's local half, and returns that qubit. */
    public static Qubit receive(Node node, EprPair pair) {
        List<?> bits = node.classicalSocket(pair.remoteNode(), CHANNEL).recv(List.class).block();
        int x = (Integer) bits.get(0) ^ (pair.bellIndex() >> 1);
        int z = (Integer) bits.get(1) ^ (pair.bellIndex() & 1);
        Qubit q = pair.qubit();
        if (x == 1) {
            q.x();
        }
        if (z == 1) {
            q.z();
        }
        return q;
    }
}
