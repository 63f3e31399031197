package org.qnetstack.messaging;

/**
 * A classical message between two nodes (or a node and a station), addressed to a protocol there.
 *
 * @param from     sender
 * @param to       receiver
 * @param protocol the receiving protocol's name, like a port
 * @param payload  the message itself, an immutable record
 */
public record Envelope(String from, String to, String protocol, Object payload) {
}
