package org.qnetstack.apps.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.SimulationException;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.apps.qkd.BitString;
import org.qnetstack.hal.PlatformSpec;

class KeyRelayTest {
    static final List<String> PATH = List.of("alice", "repeater", "bob");

    static PlatformSpec chain() {
        return NetworkConfig.fromResource("networks/chain-test.yaml");
    }

    static byte[] key(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return k;
    }

    static KeyRelay.Result relay(PlatformSpec spec, List<byte[]> auth) {
        return KeyRelay.run(r -> SimulatedNetwork.of(NetworkConfig.withSeed(spec, spec.seed() + r)), PATH, 12_000, 0.5,
                auth, new SplittableRandom(5));
    }

    @Test
    void everyNodeOfThePathEndsWithTheFirstHopsKey() {
        KeyRelay.Result r = relay(chain(), List.of(key(1), key(2)));
        assertEquals(2, r.hops().size());
        assertTrue(r.hops().stream().noneMatch(h -> h.aborted()));
        BitString first = r.hops().get(0).key();
        int length = Math.min(first.length(), r.hops().get(1).key().length());
        assertEquals(length, r.keyBits());
        assertTrue(length > 100);
        for (BitString k : r.keys()) {
            assertEquals(first.substring(0, length), k);
        }
        assertTrue(r.keyBitsPerSecond() > 0);
    }

    /** Bob's authentication key differs from alice's: the relayed pad is refused, not used, and the run fails. */
    @Test
    void aForgedRelayMessageIsRefused() {
        List<String> path = List.of("alice", "bob");
        BitString hop = BitString.random(256, new SplittableRandom(1));
        try (SimulatedNetwork net = SimulatedNetwork.fromResource("networks/two-nodes-ideal.yaml", 1)) {
            net.run("alice", n -> TrustedRelay.node(n, path, 0, 256, BitString.empty(), hop, new byte[][] {null,
                    key(1)}));
            net.run("bob", n -> TrustedRelay.node(n, path, 1, 256, hop, BitString.empty(), new byte[][] {key(9),
                    null}));
            SimulationException e = assertThrows(SimulationException.class, net::awaitCompletion);
            assertTrue(String.valueOf(e.getMessage()).contains("AuthenticationException"), String.valueOf(e));
        }
    }
}
