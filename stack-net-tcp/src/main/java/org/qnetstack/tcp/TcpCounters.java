package org.qnetstack.tcp;

/**
 * What a node's TCP links did so far: a snapshot, each count since the node started.
 *
 * @param sent              data frames written to peers
 * @param received          data frames from authenticated peers that passed the integrity check
 * @param delivered         envelopes handed to a registered handler
 * @param undeliverable     envelopes for a protocol nobody serves here
 * @param malformed         frames that could not be parsed, had an unknown payload type or a forged
 *                          sender, or arrived out of turn
 * @param oversized         frames announcing more than the configured maximum, or, before the peer has
 *                          authenticated, more than a handshake frame (the connection is closed)
 * @param authFailures      handshakes refused: unknown node, wrong key, or a peer that could not prove itself
 * @param integrityFailures data frames whose HMAC or sequence number was wrong (the connection is closed)
 * @param unsent            messages dropped because their peer was unreachable and its queue was full
 * @param connectAttempts   outgoing connection attempts, first ones and reconnections
 * @param connections       outgoing connections that completed the handshake
 * @param refusedConnections incoming connections closed on arrival because
 *                          {@link TcpNodeConfig#maxUnauthenticated()} others were still in their handshake
 */
public record TcpCounters(long sent, long received, long delivered, long undeliverable, long malformed,
        long oversized, long authFailures, long integrityFailures, long unsent, long connectAttempts,
        long connections, long refusedConnections) {
}
