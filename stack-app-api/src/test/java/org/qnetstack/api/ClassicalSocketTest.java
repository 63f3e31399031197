package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.transport.PreSharedKeys;

/** Classical sockets ride on the authenticated transport: values arrive as copies, keys decide who may talk. */
class ClassicalSocketTest {
    record Report(String node, int round, byte[] digest, Map<String, Double> figures) {
    }

    private static SimulatedNetwork.Builder threeNodes() {
        return SimulatedNetwork.builder().seed(3).node("alice", "ideal").node("bob", "ideal").node("carol", "ideal")
                .link("alice", "bob", 1).link("bob", "carol", 1);
    }

    @Test
    void recordsArriveInOrderAsTheReceiversOwnCopies() {
        try (SimulatedNetwork net = threeNodes().build()) {
            byte[] digest = {1, 2, 3};
            List<Object> got = new ArrayList<>();
            net.run("alice", node -> {
                ClassicalSocket bob = node.classicalSocket("bob");
                bob.send(new Report("alice", 1, digest, Map.of("qber", 0.02))).block();
                digest[0] = 9; // after sending: what travelled is what was sent
                bob.send("done").block();
            });
            net.run("bob", node -> {
                got.add(node.classicalSocket("alice").recv().block());
                got.add(node.classicalSocket("alice").recv().block());
            });
            net.awaitCompletion();
            Report r = (Report) got.get(0);
            assertEquals(1, r.round());
            assertArrayEquals(new byte[] {1, 2, 3}, r.digest());
            assertEquals(Map.of("qber", 0.02), r.figures());
            assertEquals("done", got.get(1));
        }
    }

    @Test
    void nodesWithoutASharedKeyCannotExchangeMessages() {
        PreSharedKeys onlyAliceBob = PreSharedKeys.none().with("alice", "bob", new byte[32]);
        try (SimulatedNetwork net = threeNodes().preSharedKeys(onlyAliceBob).build()) {
            net.run("alice", node -> node.classicalSocket("carol").send("hello").block());
            SimulationException e = assertThrows(SimulationException.class, net::awaitCompletion);
            ApiMisuseException cause = assertInstanceOf(ApiMisuseException.class, e.getCause());
            assertTrue(cause.getMessage().contains("no pre-shared key for alice and carol"), cause.getMessage());
        }
    }

    @Test
    void aMessageTheTransportCannotCarryIsRefusedAtTheSender() {
        try (SimulatedNetwork net = threeNodes().build()) {
            net.run("alice", node -> node.classicalSocket("bob").send(new StringBuilder("mutable")).block());
            SimulationException e = assertThrows(SimulationException.class, net::awaitCompletion);
            assertTrue(e.getCause().getMessage().contains("java.lang.StringBuilder"), e.getCause().getMessage());
        }
    }
}
