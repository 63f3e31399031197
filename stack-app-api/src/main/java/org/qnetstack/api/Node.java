package org.qnetstack.api;

import java.util.random.RandomGenerator;

/** One node as a program sees it: its sockets, its qubits, its clock and its random numbers. */
public interface Node {
    String name();

    /** The EPR socket with the remote node on socket id 0. */
    default EprSocket eprSocket(String remoteNode) {
        return eprSocket(remoteNode, 0);
    }

    /**
     * The EPR socket with the remote node on a socket id (like a port); the remote must use the same id.
     *
     * @throws ApiMisuseException if the remote node is this one, unknown, or not reached by the network's links
     */
    EprSocket eprSocket(String remoteNode, int socketId);

    /** The classical socket with the remote node on channel 0. */
    default ClassicalSocket classicalSocket(String remoteNode) {
        return classicalSocket(remoteNode, 0);
    }

    ClassicalSocket classicalSocket(String remoteNode, int channel);

    /**
     * A fresh qubit in |0⟩, from the node's storage qubits if it has any.
     *
     * @throws NoFreeQubitException if every qubit is in use
     */
    Qubit qubit();

    /** Qubits in use by this node's programs and pairs, for leak checks. */
    int qubitsInUse();

    /** The node's time in ns (virtual time in simulation). */
    long nanos();

    /**
     * Completes after this much of the node's time (simulated time in simulation), e.g. to wait before asking
     * again after a failure: {@code node.sleep(Duration.ofMillis(50)).block()}.
     */
    reactor.core.publisher.Mono<Void> sleep(java.time.Duration duration);

    /** A random stream of this node's own, derived from the network's seed. */
    RandomGenerator random();
}
