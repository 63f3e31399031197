package org.qnetstack.api;

import reactor.core.publisher.Mono;

/**
 * Classical messages with one remote node, in order, exactly once and authenticated: the transport
 * resends what the network loses, drops duplicates, and rejects messages altered, forged or replayed on
 * the way. Messages are values: strings, numbers, booleans, primitive arrays, enums, records, and lists,
 * sets and maps of these; the receiver gets its own copy.
 */
public interface ClassicalSocket {
    String remoteNode();

    /**
     * Sends a message; completes once the transport has taken it.
     *
     * @throws ApiMisuseException if the message is null; the returned publisher fails with it if the message holds
     *                            a type the transport cannot carry, no key is shared with the node, or too many
     *                            messages to it wait for acknowledgement
     */
    Mono<Void> send(Object message);

    /**
     * The next message from the remote node. Fails with {@link DeliveryFailedException} if messages sent on
     * this socket stayed unacknowledged until the transport gave up (the remote node is down or cut off).
     */
    Mono<Object> recv();

    /** The next message, which must be of the type. */
    default <T> Mono<T> recv(Class<T> type) {
        return recv().map(type::cast);
    }
}
