package org.qnetstack.tcp;

import java.time.Duration;
import java.util.Map;

/**
 * The local node's TCP endpoint and its peers.
 *
 * @param node             the local node's name, as protocols address it
 * @param bindHost         the address to listen on ("127.0.0.1" for loopback only, "0.0.0.0" for all)
 * @param port             the port to listen on; 0 picks a free one (see {@link TcpClassicalNetwork#port()})
 * @param peers            peer name → how to reach it and the pair's key; the local node must not be listed
 * @param maxFrameBytes    the largest frame accepted or sent; a peer announcing a larger one is cut off
 * @param initialBackoff   the wait before the first reconnection attempt; doubled after each failure
 * @param maxBackoff       the longest wait between reconnection attempts
 * @param handshakeTimeout how long an incoming connection may take to authenticate before it is closed
 * @param maxPending       messages kept per peer while it is unreachable; beyond, sends are dropped and counted
 * @param maxUnauthenticated incoming connections that may be in their handshake at once; a further one is closed
 *                         at once and counted ({@link TcpCounters#refusedConnections()}). Until it authenticates,
 *                         a connection may send frames of at most {@link #HANDSHAKE_FRAME_BYTES} (not
 *                         {@code maxFrameBytes}), so strangers together hold at most about
 *                         {@code maxUnauthenticated · HANDSHAKE_FRAME_BYTES} of memory
 */
public record TcpNodeConfig(String node, String bindHost, int port, Map<String, TcpPeer> peers, int maxFrameBytes,
        Duration initialBackoff, Duration maxBackoff, Duration handshakeTimeout, int maxPending,
        int maxUnauthenticated) {
    public static final int MIN_FRAME_BYTES = 256;
    public static final int MAX_FRAME_BYTES = 16 << 20;
    /**
     * The largest frame of a handshake (HELLO, CHALLENGE, AUTH, WELCOME: two node names, a nonce, a MAC),
     * 16 KiB: room for names of thousands of characters, a thousandth of the largest data frame.
     */
    public static final int HANDSHAKE_FRAME_BYTES = 16 << 10;
    /** The default {@code maxUnauthenticated}: 64 handshakes at once, far more than a network's peers redialling. */
    public static final int DEFAULT_MAX_UNAUTHENTICATED = 64;

    public TcpNodeConfig {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("TcpNodeConfig.node: must be a non-blank name, was '" + node + "'");
        }
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("TcpNodeConfig.bindHost: must be an address, was '" + bindHost + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TcpNodeConfig.port: must be in 0..65535, was " + port);
        }
        if (peers == null) {
            throw new IllegalArgumentException("TcpNodeConfig.peers: must be a map, possibly empty, was null");
        }
        if (peers.containsKey(node)) {
            throw new IllegalArgumentException("TcpNodeConfig.peers: lists the local node '" + node + "' itself");
        }
        peers.forEach((name, peer) -> {
            if (name == null || name.isBlank() || peer == null) {
                throw new IllegalArgumentException("TcpNodeConfig.peers: entry '" + name + "' needs a name and a TcpPeer");
            }
        });
        if (maxFrameBytes < MIN_FRAME_BYTES || maxFrameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("TcpNodeConfig.maxFrameBytes: must be in " + MIN_FRAME_BYTES + ".."
                    + MAX_FRAME_BYTES + ", was " + maxFrameBytes);
        }
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        positive("handshakeTimeout", handshakeTimeout);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("TcpNodeConfig.maxBackoff: must be >= initialBackoff ("
                    + initialBackoff + "), was " + maxBackoff);
        }
        if (maxPending < 0) {
            throw new IllegalArgumentException("TcpNodeConfig.maxPending: must be >= 0, was " + maxPending);
        }
        if (maxUnauthenticated < 1) {
            throw new IllegalArgumentException("TcpNodeConfig.maxUnauthenticated: must be >= 1, was "
                    + maxUnauthenticated);
        }
        peers = Map.copyOf(peers);
    }

    /** A node with {@link #DEFAULT_MAX_UNAUTHENTICATED} handshakes at once. */
    public TcpNodeConfig(String node, String bindHost, int port, Map<String, TcpPeer> peers, int maxFrameBytes,
            Duration initialBackoff, Duration maxBackoff, Duration handshakeTimeout, int maxPending) {
        this(node, bindHost, port, peers, maxFrameBytes, initialBackoff, maxBackoff, handshakeTimeout, maxPending,
                DEFAULT_MAX_UNAUTHENTICATED);
    }

    /** The largest frame accepted before the peer has authenticated: the handshake's, or less if frames are smaller. */
    public int handshakeFrameBytes() {
        return Math.min(HANDSHAKE_FRAME_BYTES, maxFrameBytes);
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("TcpNodeConfig." + field + ": must be a positive duration, was " + d);
        }
    }

    /**
     * A node on loopback with the defaults: 1 MiB frames, backoff from 50 ms doubling up to 5 s, 5 s to
     * authenticate, 10,000 messages held per unreachable peer, 64 handshakes at once.
     */
    public static TcpNodeConfig loopback(String node, int port, Map<String, TcpPeer> peers) {
        return new TcpNodeConfig(node, "127.0.0.1", port, peers, 1 << 20, Duration.ofMillis(50),
                Duration.ofSeconds(5), Duration.ofSeconds(5), 10_000);
    }

    public TcpNodeConfig withPort(int newPort) {
        return new TcpNodeConfig(node, bindHost, newPort, peers, maxFrameBytes, initialBackoff, maxBackoff,
                handshakeTimeout, maxPending, maxUnauthenticated);
    }

    public TcpNodeConfig withBackoff(Duration initial, Duration max) {
        return new TcpNodeConfig(node, bindHost, port, peers, maxFrameBytes, initial, max, handshakeTimeout, maxPending,
                maxUnauthenticated);
    }

    public TcpNodeConfig withMaxFrameBytes(int bytes) {
        return new TcpNodeConfig(node, bindHost, port, peers, bytes, initialBackoff, maxBackoff, handshakeTimeout,
                maxPending, maxUnauthenticated);
    }

    public TcpNodeConfig withHandshake(Duration timeout, int maxAtOnce) {
        return new TcpNodeConfig(node, bindHost, port, peers, maxFrameBytes, initialBackoff, maxBackoff, timeout,
                maxPending, maxAtOnce);
    }
}
