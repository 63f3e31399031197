package org.qnetstack.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.qnetstack.physical.ClassicalFaults;

/**
 * Requests that end early (cancelled, no memory) end at both ends, after the pairs already agreed on,
 * with every qubit held for them released; and copies of messages change nothing.
 */
class LinkRequestEndTest {

    private static LinkLayerSimulationTest.Net net(String attempts, long seed, ClassicalFaults faults) {
        return new LinkLayerSimulationTest.Net(StepVersusSkipTest.network(attempts, seed), faults);
    }

    /** A listener that records each pair and, for kept pairs, releases the qubit at once. */
    private static LinkListener freeing(LinkLayerSimulationTest.Net net, String node, List<LinkPair> into) {
        var memory = node.equals("alice") ? net.aliceMemory : net.bobMemory;
        return FaultyClassicalNetworkTest.recorder(into, () -> {
            LinkPair p = into.get(into.size() - 1);
            if (p.qubit() >= 0) {
                net.platform.device(node).discard(p.qubit());
                memory.free(p.qubit());
            }
        }, net.errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob"})
    void cancellingAtEitherEndEndsTheRequestAtBothWithTheSamePairs(String canceller) {
        for (RequestType type : RequestType.values()) {
            try (var net = net("skip", 51, FaultyClassicalNetworkTest.FIVE_PERCENT)) {
                net.alice.listen(7, freeing(net, "alice", net.atAlice));
                net.bob.listen(7, freeing(net, "bob", net.atBob));
                // created at bob (not the master), so that cancelling at bob goes through the master
                CreateId id = net.bob.create(new CreateRequest("alice", type, 100_000, 0.85, MeasureBasis.Z, 7));
                net.platform.runUntil(() -> net.atAlice.size() >= 5 && net.atBob.size() >= 5, Long.MAX_VALUE);
                LinkService at = canceller.equals("alice") ? net.alice : net.bob;
                assertTrue(at.cancel(id));
                net.platform.runUntil(() -> net.errors.stream().filter(e -> e.code() != LinkErrorCode.EXPIRE).count() == 2,
                        10_000_000_000L);
                net.platform.runUntil(() -> false, 1_000_000_000L);
                var ends = net.errors.stream().filter(e -> e.code() != LinkErrorCode.EXPIRE).toList();
                assertEquals(2, ends.size(), type + ": " + net.errors);
                assertTrue(ends.stream().allMatch(e -> e.code() == LinkErrorCode.CANCELLED && e.createId().equals(id)));
                assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob), type + " mismatches");
                assertTrue(net.atAlice.size() < 100_000);
                assertFalse(at.cancel(id), "already ended");
                assertEquals(0, net.aliceMemory.inUse(), type + ": no qubit left at alice");
                assertEquals(0, net.bobMemory.inUse(), type + ": no qubit left at bob");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"skip", "step"})
    void aKeepRequestWhoseMemoryStaysFullEndsWithNoresAtBothEnds(String attempts) {
        try (var net = net(attempts, 52, ClassicalFaults.NONE)) {
            net.alice.setNoResourceTimeout(50_000_000L);
            net.bob.setNoResourceTimeout(50_000_000L);
            // Nobody releases the pairs: nv-2022 holds three (two moved to carbons, the last on the electron).
            net.alice.create(new CreateRequest("bob", RequestType.KEEP, 10, 0.85, MeasureBasis.Z, 7));
            net.platform.runUntil(() -> net.errors.size() == 2, 100_000_000_000L);
            assertEquals(2, net.errors.size());
            assertTrue(net.errors.stream().allMatch(e -> e.code() == LinkErrorCode.NORES), net.errors.toString());
            assertEquals(3, net.atAlice.size());
            assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob));
            // Only the delivered pairs' qubits are held, by their owner; once released, nothing is.
            for (LinkPair p : net.atAlice) {
                net.aliceMemory.free(p.qubit());
            }
            for (LinkPair p : net.atBob) {
                net.bobMemory.free(p.qubit());
            }
            net.platform.runUntil(() -> false, 100_000_000L);
            assertEquals(0, net.aliceMemory.inUse());
            assertEquals(0, net.bobMemory.inUse());
        }
    }

    @Test
    void copiesOfEveryMessageChangeNothing() {
        // Every classical message arrives twice, none is lost or late: no pair may be lost or doubled.
        try (var net = net("skip", 53, new ClassicalFaults(0, 1, 0, 0))) {
            net.alice.create(new CreateRequest("bob", RequestType.MEASURE, 500, 0.85, MeasureBasis.Z, 7));
            net.bob.create(new CreateRequest("alice", RequestType.MEASURE, 500, 0.85, MeasureBasis.X, 7));
            net.platform.runUntil(() -> net.atAlice.size() == 1000 && net.atBob.size() == 1000, Long.MAX_VALUE);
            net.platform.runUntil(() -> false, 1_000_000_000L);
            assertEquals(1000, net.atAlice.size());
            assertEquals(1000, net.atBob.size());
            assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob));
            assertEquals(List.of(), net.errors);
            assertEquals(0, net.alice.counters("bob").expired() + net.bob.counters("alice").expired());
            assertTrue(net.network.duplicated() > 2000);
        }
    }

    @Test
    void reorderingAloneNeverMismatchesPairs() {
        List<LinkPair> none = new ArrayList<>();
        try (var net = net("step", 54, new ClassicalFaults(0, 0, 0.3, 100_000))) {
            net.alice.create(new CreateRequest("bob", RequestType.MEASURE, 1000, 0.85, MeasureBasis.Z, 7));
            net.platform.runUntil(() -> net.atAlice.size() == 1000 && net.atBob.size() == 1000, Long.MAX_VALUE);
            assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob));
            assertTrue(net.network.reordered() > 1000);
            assertEquals(none, net.errors.stream().filter(e -> e.code() != LinkErrorCode.EXPIRE).toList());
        }
    }
}
