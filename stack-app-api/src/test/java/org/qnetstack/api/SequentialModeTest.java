package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Sequential mode: many more pairs than qubits, each handed to a handler before the next is made. */
class SequentialModeTest {
    static final int PAIRS = 50;

    /** Two ideal nodes of two qubits each (one communication, one storage). */
    static SimulatedNetwork twoQubitNodes(String preset, long seed) {
        return SimulatedNetwork.builder().seed(seed).node("alice", preset, Map.of("qubits", 2))
                .node("bob", preset, Map.of("qubits", 2)).link("alice", "bob", 10).build();
    }

    static void assertHasQubits(Node node, int n) {
        List<Qubit> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(node.qubit());
        }
        assertThrows(NoFreeQubitException.class, node::qubit);
        taken.forEach(Qubit::release);
        assertEquals(0, node.qubitsInUse());
    }

    @Test
    void reactiveHandlersGetFiftyPairsOnTwoQubitNodesAndPhiPlusAgreesEveryTime() {
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        int[] mostInUse = new int[2];
        try (SimulatedNetwork net = twoQubitNodes("ideal", 11)) {
            assertHasQubits(net.node("alice"), 2);
            assertHasQubits(net.node("bob"), 2);
            net.runReactive("alice", node -> node.eprSocket("bob").phiPlus().createKeep(PAIRS, pair -> {
                mostInUse[0] = Math.max(mostInUse[0], node.qubitsInUse());
                return pair.qubit().measure(Basis.Z);
            }).doOnNext(a::add));
            net.runReactive("bob", node -> node.eprSocket("alice").phiPlus().recvKeep(PAIRS, pair -> {
                mostInUse[1] = Math.max(mostInUse[1], node.qubitsInUse());
                return pair.qubit().measure(Basis.Z);
            }).doOnNext(b::add));
            net.awaitCompletion();
            assertEquals(PAIRS, a.size());
            assertEquals(a, b, "Φ+ gives equal Z outcomes on the ideal device");
            assertTrue(a.contains(0) && a.contains(1), "outcomes are random: " + a);
            assertTrue(mostInUse[0] <= 2 && mostInUse[1] <= 2, "at most the node's qubits: " + mostInUse[0] + ", " + mostInUse[1]);
            assertEquals(0, net.node("alice").qubitsInUse());
            assertEquals(0, net.node("bob").qubitsInUse());
        }
    }

    @Test
    void blockingHandlersOfSequentialProgramsTalkInsideTheHandlerAndReleaseUnmeasuredQubits() {
        List<Integer> agreed = new ArrayList<>();
        try (SimulatedNetwork net = twoQubitNodes("ideal", 12)) {
            net.run("alice", node -> {
                ClassicalSocket bob = node.classicalSocket("bob");
                node.eprSocket("bob").phiPlus().createKeepEach(PAIRS, pair -> {
                    bob.send(pair.qubit().measure(Basis.X).block()).block();
                    bob.recv(String.class).block(); // bob's turn: this pair is done at both ends
                });
            });
            net.run("bob", node -> {
                ClassicalSocket alice = node.classicalSocket("alice");
                node.eprSocket("alice").phiPlus().recvKeepEach(PAIRS, pair -> {
                    int theirs = alice.recv(Integer.class).block();
                    if (theirs == pair.qubit().measure(Basis.X).block()) {
                        agreed.add(theirs);
                    }
                    alice.send("next").block();
                });
            });
            net.awaitCompletion();
            assertEquals(PAIRS, agreed.size(), "Φ+ gives equal X outcomes on the ideal device");
            assertEquals(0, net.node("alice").qubitsInUse());
            assertEquals(0, net.node("bob").qubitsInUse());
        }
    }

    @Test
    void aHandlerThatKeepsNothingStillLeavesNoQubitBehind() {
        List<Long> times = new ArrayList<>();
        try (SimulatedNetwork net = twoQubitNodes("nv-2022", 13)) {
            net.runReactive("alice", node -> node.eprSocket("bob").createKeep(PAIRS, pair -> Mono.just(pair.id()))
                    .doOnNext(id -> times.add(node.nanos())));
            net.runReactive("bob", node -> node.eprSocket("alice").recvKeep(PAIRS, pair -> Mono.just(pair.id())));
            net.awaitCompletion();
            assertEquals(PAIRS, times.size());
            System.out.printf("sequential mode, nv-2022 with 2 qubits: %d pairs in %.3f s simulated%n", PAIRS,
                    net.nanos() / 1e9);
            assertEquals(0, net.node("alice").qubitsInUse());
            assertEquals(0, net.node("bob").qubitsInUse());
        }
    }

    @Test
    void blockingModeOutsideAProgramIsRefusedWithAdvice() {
        try (SimulatedNetwork net = twoQubitNodes("ideal", 1)) {
            ApiMisuseException e = assertThrows(ApiMisuseException.class,
                    () -> net.node("alice").eprSocket("bob").createKeepEach(3, p -> { }));
            assertTrue(e.getMessage().contains("NodeProgram"), e.getMessage());
            assertEquals(0, net.node("alice").qubitsInUse());
        }
    }
}
