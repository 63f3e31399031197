package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.GroundTruth;

/**
 * The repeater of a chain n0 – n1 – n2 crashes mid-run and restarts: the end nodes' programs, which keep asking
 * for end-to-end pairs and retry after a failure, see a typed failure within a bounded time, hold no qubit
 * while it is down, and get pairs again, of the right state, once it is back.
 */
class CrashRestartTest {
    private static final long MS = 1_000_000L;
    private static final long CRASH = 500 * MS;
    private static final long RESTART = 1500 * MS;
    private static final long END = 2500 * MS;
    private static final long DETECTION = SimulatedNetwork.DEFAULT_DETECTION_DELAY.toNanos();
    /** A program that was holding a pair when the crash came notices at its next request: ≤ 20 ms later. */
    private static final long NOTICE_BOUND = DETECTION + 25 * MS;

    private record Failure(long nanos, EprErrorCode code, String message) {
    }

    /** What one end's program saw. */
    private static final class End {
        final List<Long> pairs = new ArrayList<>();
        final List<Failure> failures = new ArrayList<>();
        final Map<PairId, EprPair> holding = new HashMap<>();
        EprSocket socket;
    }

    @Test
    void endNodesFailWithinABoundHoldNothingAndGetPairsAgainAfterTheRepeaterRestarts() {
        try (SimulatedNetwork net = SimulatedNetwork.of(RepeaterChainTest.chain(3))) {
            GroundTruth truth = net.groundTruth();
            End head = new End();
            End tail = new End();
            Set<PairId> read = new HashSet<>();
            List<Double> fidelities = new ArrayList<>();
            int[] inUseWhileDown = {-1, -1};
            net.run("n0", node -> endProgram(node, "n2", true, head, tail, read, fidelities, truth));
            net.run("n2", node -> endProgram(node, "n0", false, tail, head, read, fidelities, truth));
            net.at(Duration.ofNanos(CRASH), () -> net.crash("n1"));
            net.at(Duration.ofNanos(CRASH + 200 * MS), () -> {
                inUseWhileDown[0] = net.node("n0").qubitsInUse();
                inUseWhileDown[1] = net.node("n2").qubitsInUse();
            });
            net.at(Duration.ofNanos(RESTART), () -> net.restart("n1"));
            net.at(Duration.ofNanos(END), () -> {
                head.socket.close(); // the programs stop
                tail.socket.close();
            });
            net.awaitCompletion(Duration.ofSeconds(10));

            for (End end : List.of(head, tail)) {
                String who = end == head ? "n0" : "n2";
                long before = end.pairs.stream().filter(t -> t < CRASH).count();
                assertTrue(before >= 5, who + " got pairs before the crash: " + before);
                Failure first = end.failures.stream().filter(f -> f.nanos() >= CRASH).findFirst().orElseThrow();
                assertTrue(first.nanos() - CRASH <= NOTICE_BOUND, who + " noticed after "
                        + (first.nanos() - CRASH) / 1e6 + " ms");
                assertTrue(first.nanos() - CRASH >= DETECTION, who + " noticed before anyone could know");
                assertEquals(EprErrorCode.UNREACHABLE, first.code());
                assertTrue(first.message().contains("n1 is down") && first.message().contains("retry"),
                        first.message());
                for (Failure f : end.failures) {
                    if (f.nanos() < END) {
                        assertTrue(f.nanos() >= CRASH && f.nanos() < RESTART + DETECTION + NOTICE_BOUND,
                                who + ": a failure outside the outage: " + f);
                        assertEquals(EprErrorCode.UNREACHABLE, f.code(), f.toString());
                    }
                }
                assertEquals(0, end.pairs.stream().filter(t -> t >= CRASH + DETECTION && t < RESTART).count(),
                        who + " got no pair while n1 was down");
                long after = end.pairs.stream().filter(t -> t >= RESTART).count();
                assertTrue(after >= 5, who + " got pairs again after the restart: " + after);
            }
            assertEquals(0, inUseWhileDown[0], "n0 holds no qubit while n1 is down");
            assertEquals(0, inUseWhileDown[1], "n2 holds no qubit while n1 is down");
            assertTrue(fidelities.size() >= 10, "pairs read at both ends: " + fidelities.size());
            for (double f : fidelities) {
                assertEquals(1.0, f, 1e-9, "ideal devices: every pair is the Bell state both ends report");
            }
        }
    }

    /**
     * Keeps asking for one pair at a time; after a failure, waits 50 ms and asks again. The tail reads each
     * pair's true state with the head's half (which the head keeps until then, at most 20 ms).
     */
    private static void endProgram(Node node, String remote, boolean create, End me, End other,
                                   Set<PairId> read, List<Double> fidelities, GroundTruth truth) {
        me.socket = node.eprSocket(remote);
        while (node.nanos() < END) {
            try {
                EprPair pair = (create ? me.socket.createKeep() : me.socket.recvKeep()).block();
                me.pairs.add(node.nanos());
                me.holding.put(pair.id(), pair);
                long until = node.nanos() + 20 * MS;
                while (node.nanos() < until && !read.contains(pair.id())) {
                    EprPair theirs = other.holding.get(pair.id());
                    if (!create && theirs != null) {
                        fidelities.add(truth.bellFidelity(theirs.qubit().address(), pair.qubit().address(),
                                pair.bellIndex()));
                        read.add(pair.id());
                    } else {
                        node.sleep(Duration.ofMillis(1)).block();
                    }
                }
                me.holding.remove(pair.id());
                pair.qubit().release();
            } catch (EprException e) {
                me.failures.add(new Failure(node.nanos(), e.code(), e.getMessage()));
                if (node.nanos() < END) {
                    node.sleep(Duration.ofMillis(50)).block();
                }
            }
        }
    }

    @Test
    void aProgramOnTheCrashedNodeEndsWithATypedFailureThatFailsNoRun() {
        try (SimulatedNetwork net = SimulatedNetwork.fromResource("networks/two-nodes-ideal.yaml", 3)) {
            List<Throwable> atBob = new ArrayList<>();
            List<Failure> atAlice = new ArrayList<>();
            List<String> names = new ArrayList<>(net.spec().nodes().stream().map(n -> n.name()).toList());
            String alice = names.get(0);
            String bob = names.get(1);
            net.run(bob, node -> {
                try {
                    node.eprSocket(alice).recvKeep(1_000_000).blockLast(); // far more than will ever come
                } catch (RuntimeException e) {
                    atBob.add(e);
                }
                try {
                    node.qubit();
                } catch (RuntimeException e) {
                    atBob.add(e); // anything asked after the crash fails the same way
                }
            });
            net.run(alice, node -> {
                EprSocket socket = node.eprSocket(bob);
                try {
                    socket.createKeep(1_000_000, p -> reactor.core.publisher.Mono.empty()).blockLast();
                } catch (EprException e) {
                    atAlice.add(new Failure(node.nanos(), e.code(), e.getMessage()));
                }
                try {
                    socket.createKeep().block(); // while bob is down: refused at once
                } catch (EprException e) {
                    atAlice.add(new Failure(node.nanos(), e.code(), e.getMessage()));
                }
            });
            net.detectionDelay(Duration.ofMillis(5));
            net.at(Duration.ofMillis(100), () -> net.crash(bob));
            net.awaitCompletion(Duration.ofSeconds(10));

            assertEquals(2, atBob.size(), atBob.toString());
            atBob.forEach(e -> assertInstanceOf(NodeCrashedException.class, e));
            assertTrue(atBob.get(0).getMessage().startsWith(bob + " crashed"), atBob.get(0).getMessage());
            assertEquals(2, atAlice.size(), atAlice.toString());
            assertEquals(105 * MS, atAlice.get(0).nanos(), "alice hears after the detection delay");
            assertEquals(105 * MS, atAlice.get(1).nanos(), "the next request fails at once");
            for (Failure f : atAlice) {
                assertEquals(EprErrorCode.UNREACHABLE, f.code());
                assertTrue(f.message().contains(bob + " is down"), f.message());
            }
            assertEquals(0, net.node(alice).qubitsInUse());

            assertThrows(ApiMisuseException.class, () -> net.crash(bob), "crashed already");
            assertThrows(ApiMisuseException.class, () -> net.restart(alice), "alice is running");
            assertThrows(ApiMisuseException.class, () -> net.crash("nobody"));
            assertThrows(ApiMisuseException.class, () -> net.at(Duration.ZERO, () -> { }), "the past");
        }
    }

    @Test
    void peerUpWithoutADownChangesNothingAndPeerDownNamesAnotherNode() {
        try (SimulatedNetwork net = SimulatedNetwork.of(RepeaterChainTest.chain(3))) {
            var n0 = (org.qnetstack.api.stack.StackNode) net.node("n0");
            n0.peerUp("n1");
            n0.peerUp("n2");
            assertThrows(IllegalArgumentException.class, () -> n0.peerDown("n0"));
            assertThrows(IllegalArgumentException.class, () -> n0.peerUp("nobody"));
            List<PairId> made = new ArrayList<>();
            List<PairId> got = new ArrayList<>();
            net.run("n0", node -> node.eprSocket("n2").createKeepEach(5, p -> made.add(p.id())));
            net.run("n2", node -> node.eprSocket("n0").recvKeepEach(5, p -> got.add(p.id())));
            net.awaitCompletion(Duration.ofSeconds(10));
            assertEquals(5, made.size());
            assertEquals(made, got);
        }
    }
}
