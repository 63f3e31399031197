package org.qnetstack.api;

/**
 * Why the network could not deliver the pairs a socket asked for ({@link EprException#code()}). Every code but
 * {@code EXPIRE} ends the request at both ends, once the pairs both ends had agreed on are delivered.
 */
public enum EprErrorCode {
    /** The minimum fidelity or max time cannot be met on this link at all: ask for less, or allow more time. */
    UNSUPP,
    /** At the link's present load the request could not be served within its max time; nothing was queued. */
    NOTIME,
    /** The request's max time passed before all its pairs were made; pairs made before then stand. */
    TIMEOUT,
    /** A heralded pair was given up because the other end could not confirm it (informational: the request goes on). */
    EXPIRE,
    /** The peer refused the request: its queue for the link is full, or it allows no such request. Ask later. */
    REJECTED,
    /** The device failed while making pairs for the request. */
    CREATE,
    /** Anything else (e.g. a handler threw on a pair, or the network was closed); the message says what. */
    OTHER,
    /** No free qubit was found for a kept pair for too long: release pairs you no longer need. */
    NORES,
    /** The socket was closed, at either end. */
    CANCELLED,
    /** The other node did not answer for too long, or is known to be down: the link is probably down. */
    UNREACHABLE,
    /**
     * The network's controller refused the request before making any pair: no path meets what its
     * {@link PairQuality} asks on what is not already reserved. {@link EprException#refusal()} says where, which
     * figure, and what would be needed.
     */
    REFUSED
}
