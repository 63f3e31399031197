package org.qnetstack.network.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.network.FidelityTesting;

/**
 * Which of a head's circuit pairs are sacrificed as tests, per socket and remote node, kept across the socket's
 * requests: each has its own random stream (so a request that follows another does not draw the same pairs again,
 * and runs without tests draw nothing from the node's stream) and remembers whether the measured lower bound last
 * reached the minimum of a verified request.
 */
final class TestDraws {
    /** The tests of one socket with one remote node. */
    static final class Tests {
        final SplittableRandom stream;
        /** Whether the measured lower bound last reached the verified request's minimum. */
        boolean verified;

        Tests(long seed) {
            this.stream = new SplittableRandom(seed);
        }
    }

    private final String node;
    private final long seed;
    /** By demand key: socket id {@code >} remote node. */
    private final Map<String, Tests> bySocket = new HashMap<>();

    TestDraws(String node, long seed) {
        this.node = node;
        this.seed = seed;
    }

    /** The tests of a demand key, made on first use. */
    Tests of(String demandKey) {
        return bySocket.computeIfAbsent(demandKey, k -> new Tests(seed * 0x9E3779B97F4A7C15L
                + (node + "/tests/" + k).hashCode()));
    }

    /** Forgets the tests of a socket that stopped listening, at every remote node. */
    void forget(int socketId) {
        bySocket.keySet().removeIf(k -> k.startsWith(socketId + ">"));
    }

    /**
     * Whether a demand's next pair is a test, and in which basis (X, Y, Z equally): every pair while a verified
     * request is not yet verified, else the request's fraction; null for a request without tests.
     */
    static CircuitMessages.@Nullable Testing next(@Nullable FidelityTesting testing, @Nullable Tests tests) {
        if (testing == null || tests == null) {
            return null;
        }
        SplittableRandom stream = tests.stream;
        boolean test = testing.verify() && !tests.verified || stream.nextDouble() < testing.fraction();
        return new CircuitMessages.Testing(test ? Basis.values()[stream.nextInt(3)] : null, testing.confidence());
    }
}
