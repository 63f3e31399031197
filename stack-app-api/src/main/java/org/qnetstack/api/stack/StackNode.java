package org.qnetstack.api.stack;

import org.qnetstack.api.Node;
import org.qnetstack.link.LinkLayer;
import org.qnetstack.network.NetworkLayer;

/**
 * A node as {@link NodeStack#build} built it: the {@link Node} its programs use, plus what whoever runs the
 * network tells it. Every call is made on the node's loop (the thread that runs its events).
 */
public interface StackNode extends Node, AutoCloseable {
    /**
     * Another node crashed or is cut off from this one: every circuit through it or ending at it is torn down,
     * the link to it (if a neighbour) ends its requests and frees its qubits, and the sockets waiting for pairs
     * that can only come through it fail with UNREACHABLE naming it; until {@link #peerUp}, requests that need
     * it fail at once. Idempotent.
     *
     * @throws IllegalArgumentException if the node is unknown or this one
     */
    void peerDown(String node);

    /**
     * A node that was down is back with a fresh stack that remembers nothing: requests through it work again.
     * Does nothing for a node that was not down.
     *
     * @throws IllegalArgumentException if the node is unknown or this one
     */
    void peerUp(String node);

    /**
     * The node crashes: every wait of its programs fails, its stack stops without a word to anyone, and every
     * qubit of its device is discarded. Idempotent. The caller stops the node's messages first.
     */
    void crash();

    /** The node's link layer (attempt counts, the α it uses for a fidelity). */
    LinkLayer link();

    /**
     * The node's network layer, for runs that drive it below the sockets (the chain example reads every pair's
     * estimate and Bell index as the network layer hands it up). Use a socket id no socket of the node uses.
     */
    NetworkLayer network();

    /** Attempts made so far on the link to a neighbour. */
    default long attempts(String neighbour) {
        return link().attempts(neighbour);
    }

    /** The α the node's link layer uses for pairs with the neighbour at this minimum fidelity. */
    default double alphaFor(String neighbour, double minFidelity) {
        return link().alphaFor(neighbour, minFidelity);
    }

    /**
     * Frees a qubit that a pair taken straight from the {@link #network()} holds: the device discards it and the
     * memory can hand it out again. Does nothing once the node has crashed.
     */
    void releaseQubit(int qubit);

    /** Stops the stack and releases every qubit it still holds for pairs nobody took. Idempotent. */
    @Override
    void close();
}
