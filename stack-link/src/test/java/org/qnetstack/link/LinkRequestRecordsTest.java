package org.qnetstack.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetstack.link.internal.DefaultLinkService;
import org.qnetstack.physical.ClassicalFaults;

/**
 * Issue 15: the link layer keeps nothing per request once the request is over, at either end, however it ended
 * (completed, cancelled, timed out, ended by an error, peer down). Many requests of each kind run to their end over
 * a lossy classical network (copies, losses, reordering), then, once the records' retention has passed, every
 * structure of both ends is empty and every qubit is free.
 */
class LinkRequestRecordsTest {

    private static LinkLayerSimulationTest.Net net(long seed, ClassicalFaults faults) {
        LinkLayerSimulationTest.Net net = new LinkLayerSimulationTest.Net(StepVersusSkipTest.network("skip", seed),
                faults);
        LinkErrorCodesTest.listenFreeing(net, "nobody");
        return net;
    }

    private static void runUntil(LinkLayerSimulationTest.Net net, BooleanSupplier done) {
        net.platform.runUntil(done, 100_000_000_000L);
        assertTrue(done.getAsBoolean(), () -> "the requests did not end: " + net.errors);
    }

    /** Lets the retention pass (with an event at its end, so that simulated time gets there), then checks. */
    private static void assertNothingRetained(LinkLayerSimulationTest.Net net) {
        long wait = net.alice.retentionNanos("bob") + 100_000_000L;
        net.platform.scheduler("alice").schedule(wait, () -> { });
        net.platform.runUntil(() -> false, wait + 1);
        assertEquals(zeros(net.alice.retained("bob")), net.alice.retained("bob"), "retained at alice");
        assertEquals(zeros(net.bob.retained("alice")), net.bob.retained("alice"), "retained at bob");
        assertEquals(0, net.aliceMemory.inUse(), "no qubit left at alice");
        assertEquals(0, net.bobMemory.inUse(), "no qubit left at bob");
    }

    private static Map<String, Integer> zeros(Map<String, Integer> sizes) {
        Map<String, Integer> z = new java.util.LinkedHashMap<>();
        sizes.keySet().forEach(k -> z.put(k, 0));
        return z;
    }

    private static DefaultLinkService at(LinkLayerSimulationTest.Net net, int i) {
        return i % 2 == 0 ? net.alice : net.bob;
    }

    /** Requests that ended with this code at either end (once each, however many ends reported it). */
    private static long ended(LinkLayerSimulationTest.Net net, LinkErrorCode code) {
        return net.errors.stream().filter(e -> e.code() == code).map(LinkError::createId).distinct().count();
    }

    /** Reports of this code, over both ends. */
    private static long reports(LinkLayerSimulationTest.Net net, LinkErrorCode code) {
        return net.errors.stream().filter(e -> e.code() == code).count();
    }

    private static CreateRequest request(int i, int pairs) {
        String to = i % 2 == 0 ? "bob" : "alice";
        CreateRequest r = i % 4 < 2 ? CreateRequest.keep(to, pairs)
                : CreateRequest.measure(to, pairs, BasisChoice.randomXz());
        return r.withMinFidelity(0.85).withPurposeId(7);
    }

    @Test
    void completedRequestsFromBothEndsLeaveNothing() {
        try (var net = net(81, FaultyClassicalNetworkTest.FIVE_PERCENT)) {
            int requests = 200; // below the master's queue limit
            for (int i = 0; i < requests; i++) {
                at(net, i).create(request(i, 2));
            }
            // Every request gets its 2 pairs (EXPIRE aside, which only makes more attempts).
            runUntil(net, () -> net.atAlice.size() == 2 * requests && net.atBob.size() == 2 * requests);
            assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob));
            assertTrue(net.errors.stream().allMatch(e -> e.code() == LinkErrorCode.EXPIRE), net.errors::toString);
            assertTrue(net.alice.retained("bob").get("items") > 0, "records are kept while copies may come");
            assertNothingRetained(net);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob"})
    void cancelledRequestsLeaveNothing(String canceller) {
        try (var net = net(82, FaultyClassicalNetworkTest.FIVE_PERCENT)) {
            DefaultLinkService cancelling = canceller.equals("alice") ? net.alice : net.bob;
            List<CreateId> ids = new ArrayList<>();
            int cancelled = 0;
            for (int i = 0; i < 24; i++) {
                CreateId id = at(net, i).create(request(i, 100_000));
                ids.add(id);
                // Some cancelled at once, before the other end has heard of them.
                if (i % 3 == 0 && at(net, i) == cancelling && cancelling.cancel(id)) {
                    cancelled++;
                }
            }
            net.platform.runUntil(() -> net.atAlice.size() >= 50, 100_000_000_000L);
            for (CreateId id : ids) {
                if (cancelling.cancel(id)) {
                    cancelled++;
                }
            }
            assertEquals(24, cancelled, "every request was open at the canceller when cancelled");
            runUntil(net, () -> reports(net, LinkErrorCode.CANCELLED) == 48);
            assertNothingRetained(net);
        }
    }

    @Test
    void requestsThatTimeOutLeaveNothing() {
        try (var net = net(83, FaultyClassicalNetworkTest.FIVE_PERCENT)) {
            // Admitted on an idle link, then a request of a higher class takes every slot: they time out.
            for (int i = 0; i < 20; i++) {
                at(net, i).create(request(i, 20).withMaxTimeNanos(500_000_000L + i * 10_000_000L));
            }
            CreateId hog = net.alice.create(request(2, 1_000_000).withPriority(Priority.NETWORK_LAYER));
            runUntil(net, () -> reports(net, LinkErrorCode.TIMEOUT) == 40);
            assertTrue(net.alice.cancel(hog));
            runUntil(net, () -> reports(net, LinkErrorCode.CANCELLED) == 2);
            assertNothingRetained(net);
        }
    }

    @Test
    void requestsEndedByErrorsLeaveNothing() {
        try (var net = net(84, ClassicalFaults.NONE)) {
            net.alice.setQueueLimit(5); // alice is the master: most requests are REJECTED
            for (int i = 0; i < 60; i++) {
                at(net, i).create(request(i, 3));
            }
            // Each request is rejected or gets its 3 pairs at both ends.
            runUntil(net, () -> ended(net, LinkErrorCode.REJECTED) + net.atAlice.size() / 3 == 60
                    && net.atAlice.size() == net.atBob.size());
            assertTrue(net.atAlice.size() > 0 && ended(net, LinkErrorCode.REJECTED) > 0, net.errors::toString);
            assertNothingRetained(net);
        }
        try (var net = new LinkLayerSimulationTest.Net(StepVersusSkipTest.network("skip", 85),
                FaultyClassicalNetworkTest.FIVE_PERCENT)) {
            LinkErrorCodesTest.listenFreeing(net, "bob"); // bob's upper layer throws: each request ends OTHER
            for (int i = 0; i < 20; i++) {
                at(net, i).create(request(i, 50));
            }
            runUntil(net, () -> reports(net, LinkErrorCode.OTHER) == 40);
            assertNothingRetained(net);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob"})
    void aPeerDownLeavesNothingAtTheSurvivor(String survivor) {
        try (var net = net(86, ClassicalFaults.NONE)) {
            for (int i = 0; i < 20; i++) {
                at(net, i).create(request(i, 100_000));
            }
            net.platform.runUntil(() -> net.atAlice.size() >= 30, 100_000_000_000L);
            DefaultLinkService left = survivor.equals("alice") ? net.alice : net.bob;
            String peer = survivor.equals("alice") ? "bob" : "alice";
            assertTrue(left.peerDown(peer) > 0);
            assertEquals(zeros(left.retained(peer)), left.retained(peer), "nothing kept for a peer that is down");
        }
    }
}
