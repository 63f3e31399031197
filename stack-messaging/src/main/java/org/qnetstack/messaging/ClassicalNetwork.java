package org.qnetstack.messaging;

import java.util.function.Consumer;

/**
 * Carries classical messages between nodes and stations. In simulation a message arrives after the
 * fibre delay of the shortest path; deployed, over TCP. A message for a node or protocol that nobody
 * serves is dropped, counted and logged. Protocols must not rely on delivery: a network may lose,
 * duplicate or reorder messages (the simulated one does so on purpose with {@link ClassicalFaults}).
 */
public interface ClassicalNetwork {
    /** Registers the handler for messages to {@code protocol} at {@code node}; replaces an earlier one. */
    void register(String node, String protocol, Consumer<Envelope> handler);

    void unregister(String node, String protocol);

    void send(String from, String to, String protocol, Object payload);

    /** One-way delay from one node or station to another, in ns. */
    long delayNanos(String from, String to);

    /** Messages dropped because no handler was registered for them. */
    long undeliverable();
}
