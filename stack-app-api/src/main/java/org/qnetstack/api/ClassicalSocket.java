package org.qnetstack.api;

import reactor.core.publisher.Mono;

/**
 * Classical messages with one remote node, in order and without loss. Messages are immutable values:
 * strings, numbers, records, immutable lists.
 */
public interface ClassicalSocket {
    String remoteNode();

    Mono<Void> send(Object message);

    /** The next message from the remote node. */
    Mono<Object> recv();

    /** The next message, which must be of the type. */
    default <T> Mono<T> recv(Class<T> type) {
        return recv().map(type::cast);
    }
}
