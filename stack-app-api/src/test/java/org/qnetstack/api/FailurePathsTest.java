package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Every way an EPR request can end early ends in a typed exception at the end that asked, and leaves no qubit
 * allocated at either node (counted with {@link Node#qubitsInUse()} once the run is over).
 */
class FailurePathsTest {
    static SimulatedNetwork generic(long seed) {
        return SimulatedNetwork.fromResource("networks/two-nodes-generic.yaml", seed);
    }

    static void assertNothingAllocated(SimulatedNetwork net) {
        assertEquals(0, net.node("alice").qubitsInUse(), "alice's qubits");
        assertEquals(0, net.node("bob").qubitsInUse(), "bob's qubits");
    }

    /** Ends the flux with its error as an element, so that a test can look at it. */
    static <T> Flux<Object> errorsAsItems(Flux<T> flux, List<Object> into) {
        return flux.map(x -> (Object) x).doOnNext(into::add).onErrorResume(e -> {
            into.add(e);
            return Flux.empty();
        });
    }

    static EprException lastError(List<Object> items) {
        Object last = items.get(items.size() - 1);
        assertTrue(last instanceof EprException, "ends with an EprException: " + last);
        return (EprException) last;
    }

    @Test
    void aSocketClosedMidRequestEndsItAtBothEndsWithCancelled() {
        List<Object> atAlice = new ArrayList<>();
        List<Object> atBob = new ArrayList<>();
        try (SimulatedNetwork net = generic(31)) {
            net.runReactive("alice", node -> {
                EprSocket socket = node.eprSocket("bob");
                return errorsAsItems(socket.createKeep(20).doOnNext(p -> {
                    p.qubit().release();
                    if (atAlice.size() == 2) { // the third pair
                        socket.close();
                        assertThrows(ApiMisuseException.class, () -> socket.createKeep(1));
                    }
                }), atAlice);
            });
            net.runReactive("bob", node -> errorsAsItems(node.eprSocket("alice").recvKeep(20)
                    .doOnNext(p -> p.qubit().release()), atBob));
            net.awaitCompletion();
            assertNothingAllocated(net);
        }
        assertEquals(4, atAlice.size(), "three pairs, then the error: " + atAlice);
        EprException here = lastError(atAlice);
        assertEquals(EprErrorCode.CANCELLED, here.code());
        assertTrue(here.getMessage().contains("closed"), here.getMessage());
        EprException there = lastError(atBob);
        assertEquals(EprErrorCode.CANCELLED, there.code());
        assertTrue(atBob.size() - 1 < 20, "bob got only the pairs agreed on before the cancel: " + atBob.size());
    }

    @Test
    void cancellingASubscriptionMidRequestCancelsTheRequestAtBothEnds() {
        List<Object> atAlice = new ArrayList<>();
        List<Object> atBob = new ArrayList<>();
        try (SimulatedNetwork net = generic(32)) {
            net.runReactive("alice", node -> errorsAsItems(node.eprSocket("bob").createKeep(20)
                    .doOnNext(p -> p.qubit().release()).take(3), atAlice));
            net.runReactive("bob", node -> errorsAsItems(node.eprSocket("alice").recvKeep(20)
                    .doOnNext(p -> p.qubit().release()), atBob));
            net.awaitCompletion();
            assertNothingAllocated(net);
            assertEquals(3, atAlice.size(), "take(3) completes with three pairs: " + atAlice);
            assertEquals(EprErrorCode.CANCELLED, lastError(atBob).code());
            assertTrue(atBob.size() - 1 < 20, "bob: " + atBob.size());
        }
    }

    /**
     * nv-2022 takes about 0.49 s per pair at the default fidelity, and the link refuses (NOTIME) what it expects
     * to take longer than the max time: 4 pairs in 2.5 s are accepted (1.98 s expected) and run over with
     * probability P(Poisson(5.06) < 4) ≈ 0.26. Each seed's run either makes its 4 pairs at both ends or ends with
     * TIMEOUT at both; over 8 seeds, at least one times out (P(none) ≈ 0.09, and the seeds fix which).
     */
    @Test
    void aMaxTimeEndsTheRequestWithTimeoutAtBothEnds() {
        int timedOut = 0;
        for (long seed = 1; seed <= 8; seed++) {
            List<Object> atAlice = new ArrayList<>();
            List<Object> atBob = new ArrayList<>();
            try (SimulatedNetwork net = SimulatedNetworkTest.twoNodes("nv-2022", seed)) {
                net.runReactive("alice", node -> errorsAsItems(node.eprSocket("bob").maxTime(Duration.ofMillis(2500))
                        .createKeep(4).doOnNext(p -> p.qubit().release()), atAlice));
                net.runReactive("bob", node -> errorsAsItems(node.eprSocket("alice").recvKeep(4)
                        .doOnNext(p -> p.qubit().release()), atBob));
                net.awaitCompletion();
                assertNothingAllocated(net);
            }
            if (atAlice.size() == 4 && !(atAlice.get(3) instanceof Throwable)) {
                assertEquals(4, atBob.size(), "seed " + seed);
                continue;
            }
            timedOut++;
            assertEquals(EprErrorCode.TIMEOUT, lastError(atAlice).code(), "seed " + seed);
            assertEquals(EprErrorCode.TIMEOUT, lastError(atBob).code(), "seed " + seed);
            assertEquals(atAlice.size(), atBob.size(), "the same pairs at both ends, seed " + seed);
        }
        System.out.println("max time 2.5 s for 4 nv-2022 pairs: " + timedOut + " of 8 seeds timed out");
        assertTrue(timedOut >= 1);
    }

    /**
     * Bob opens the socket but never receives: his kept pairs wait unclaimed, are released after
     * {@code UNCLAIMED_NANOS} (1 s), and the request is cancelled, so alice's request ends instead of waiting.
     */
    @Test
    void aPeerThatNeverReceivesEndsTheRequestTypedWithinTheBound() {
        List<Object> atAlice = new ArrayList<>();
        long[] endedAt = new long[1];
        try (SimulatedNetwork net = generic(35)) {
            net.runReactive("alice", node -> errorsAsItems(node.eprSocket("bob").createKeep(10)
                    .doOnNext(p -> p.qubit().release()), atAlice)
                    .doOnComplete(() -> endedAt[0] = node.nanos())
                    .then(node.classicalSocket("bob").send("done")));
            net.run("bob", node -> {
                node.eprSocket("alice");
                node.classicalSocket("alice").recv().block();
            });
            net.awaitCompletion();
            assertNothingAllocated(net);
        }
        EprException e = lastError(atAlice);
        assertTrue(e.code() == EprErrorCode.CANCELLED || e.code() == EprErrorCode.NORES, e.getMessage());
        assertTrue(atAlice.size() - 1 < 10, "alice got fewer than she asked: " + atAlice.size());
        assertTrue(endedAt[0] < 1_500_000_000L, "bounded by the 1 s wait (+ the link's round trips): " + endedAt[0]);
        System.out.printf("peer never receiving: %s after %d pairs at %.4f s%n", e.code(), atAlice.size() - 1,
                endedAt[0] / 1e9);
    }
}
