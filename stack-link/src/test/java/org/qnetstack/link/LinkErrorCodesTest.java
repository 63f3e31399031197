package org.qnetstack.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.withSettings;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.AdditionalAnswers;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.physical.ClassicalFaults;

/**
 * Each ERR code the link layer raises, provoked on a simulated link; after each, no qubit stays allocated
 * at either end. (TIMEOUT: {@link LinkLayerSimulationTest}; CANCELLED, NORES with memory full and EXPIRE:
 * {@link LinkRequestEndTest} and {@link FaultyClassicalNetworkTest}.)
 */
class LinkErrorCodesTest {

    private static LinkLayerSimulationTest.Net net(long seed) {
        return new LinkLayerSimulationTest.Net(StepVersusSkipTest.network("skip", seed), ClassicalFaults.NONE);
    }

    /** Listens at both ends, releasing kept qubits at once (or throwing at {@code thrower}). */
    static void listenFreeing(LinkLayerSimulationTest.Net net, String thrower) {
        for (String node : List.of("alice", "bob")) {
            var memory = node.equals("alice") ? net.aliceMemory : net.bobMemory;
            List<LinkPair> into = node.equals("alice") ? net.atAlice : net.atBob;
            LinkService service = node.equals("alice") ? net.alice : net.bob;
            service.listen(7, FaultyClassicalNetworkTest.recorder(into, () -> {
                LinkPair p = into.get(into.size() - 1);
                if (node.equals(thrower)) {
                    throw new IllegalStateException("application bug");
                }
                if (p.qubit() >= 0) {
                    net.platform.device(node).discard(p.qubit());
                    memory.free(p.qubit());
                }
            }, net.errors));
        }
    }

    private static void assertNothingAllocated(LinkLayerSimulationTest.Net net) {
        net.platform.runUntil(() -> false, 200_000_000L);
        assertEquals(0, net.aliceMemory.inUse(), "no qubit left at alice");
        assertEquals(0, net.bobMemory.inUse(), "no qubit left at bob");
    }

    private static List<LinkErrorCode> codes(LinkLayerSimulationTest.Net net) {
        return net.errors.stream().map(LinkError::code).toList();
    }

    @Test
    void unsuppForAFidelityNoAlphaGivesOrAMaxTimeShorterThanAnyPair() {
        try (var net = net(71)) {
            listenFreeing(net, "");
            CreateId tooGood = net.alice.create(CreateRequest.keep("bob", 1).withMinFidelity(0.999).withPurposeId(7));
            CreateId tooSoon = net.alice.create(CreateRequest.keep("bob", 1).withMinFidelity(0.8).withPurposeId(7)
                    .withMaxTimeNanos(1_000));
            net.platform.runUntil(() -> net.errors.size() == 2, 1_000_000_000L);
            assertEquals(List.of(LinkErrorCode.UNSUPP, LinkErrorCode.UNSUPP), codes(net));
            assertEquals(List.of(tooGood, tooSoon), net.errors.stream().map(LinkError::createId).toList());
            assertTrue(net.errors.get(1).message().contains("max time"), net.errors.get(1).message());
            assertNothingAllocated(net);
        }
    }

    @Test
    void notimeWhenTheLoadAheadCannotBeServedInTime() {
        try (var net = net(72)) {
            listenFreeing(net, "");
            double alpha = net.alice.alphaFor("bob", 0.85);
            double p = net.platform.link("alice-bob").successProbability(alpha);
            long slot = net.platform.link("alice-bob").slotNanos();
            // 100 measured pairs take about 100·t/p alone; behind 10,000 more of a higher class, far longer.
            long alone = (long) (100 * slot / p);
            net.alice.create(CreateRequest.measure("bob", 10_000, BasisChoice.randomXz()).withMinFidelity(0.85)
                    .withPurposeId(7).withPriority(Priority.CREATE_KEEP));
            CreateId late = net.alice.create(CreateRequest.measure("bob", 100, BasisChoice.randomXz())
                    .withMinFidelity(0.85).withPurposeId(7).withMaxTimeNanos(5 * alone));
            net.platform.runUntil(() -> !net.errors.isEmpty(), 1_000_000_000L);
            assertEquals(List.of(LinkErrorCode.NOTIME), codes(net));
            assertEquals(late, net.errors.get(0).createId());
        }
        // Alone on the link, the same request is admitted and served in time.
        try (var net = net(72)) {
            listenFreeing(net, "");
            double alpha = net.alice.alphaFor("bob", 0.85);
            double p = net.platform.link("alice-bob").successProbability(alpha);
            long alone = (long) (100 * net.platform.link("alice-bob").slotNanos() / p);
            net.alice.create(CreateRequest.measure("bob", 100, BasisChoice.randomXz()).withMinFidelity(0.85)
                    .withPurposeId(7).withMaxTimeNanos(5 * alone));
            net.platform.runUntil(() -> net.atAlice.size() == 100 && net.atBob.size() == 100, 10 * alone);
            assertEquals(100, net.atBob.size(), net.errors::toString);
            assertTrue(net.errors.isEmpty(), net.errors::toString);
            assertNothingAllocated(net);
        }
    }

    @Test
    void rejectedWhenTheMastersQueueIsFull() {
        try (var net = net(73)) {
            listenFreeing(net, "");
            net.alice.setQueueLimit(1); // alice is the link's master
            CreateId first = net.bob.create(CreateRequest.keep("alice", 1_000).withMinFidelity(0.85).withPurposeId(7));
            CreateId second = net.bob.create(CreateRequest.keep("alice", 1_000).withMinFidelity(0.85).withPurposeId(7));
            net.platform.runUntil(() -> net.errors.size() == 2, 1_000_000_000L);
            assertEquals(List.of(LinkErrorCode.REJECTED, LinkErrorCode.REJECTED), codes(net), "reported at both ends");
            assertTrue(net.errors.stream().allMatch(e -> e.createId().equals(second)));
            net.platform.runUntil(() -> net.atBob.size() >= 3, Long.MAX_VALUE);
            assertTrue(net.bob.cancel(first), "the first request is served meanwhile");
            net.platform.runUntil(() -> net.errors.size() == 4, 1_000_000_000L);
            assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob));
            assertNothingAllocated(net);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"skip", "step"})
    void createWhenTheDeviceFailsWhileAttempting(String attempts) {
        Platform real = Drivers.openPlatform(URI.create("sim:world"), StepVersusSkipTest.network(attempts, 74));
        QuantumDevice bobDevice = real.device("bob");
        QuantumDevice failing = mock(QuantumDevice.class, withSettings().defaultAnswer(
                AdditionalAnswers.delegatesTo(bobDevice)));
        IllegalStateException laser = new IllegalStateException("laser unlocked");
        doThrow(laser).when(failing).emit(anyInt(), anyString(), anyLong(), anyDouble());
        doThrow(laser).when(failing).startAttempts(any());
        Platform platform = spy(real);
        doReturn(failing).when(platform).device("bob");
        try (var net = new LinkLayerSimulationTest.Net(platform, ClassicalFaults.NONE)) {
            listenFreeing(net, "");
            CreateId id = net.alice.create(CreateRequest.keep("bob", 10).withMinFidelity(0.85).withPurposeId(7));
            net.platform.runUntil(() -> net.errors.size() == 2, 1_000_000_000L);
            assertEquals(List.of(LinkErrorCode.CREATE, LinkErrorCode.CREATE), codes(net), net.errors::toString);
            assertTrue(net.errors.stream().allMatch(e -> e.createId().equals(id)
                    && e.message().contains("laser unlocked")));
            assertTrue(net.bob.counters("alice").deviceFailures() > 0);
            assertNothingAllocated(net);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob"})
    void otherWhenTheUpperLayerThrowsOnAPair(String thrower) {
        for (RequestType type : RequestType.values()) {
            try (var net = net(75)) {
                listenFreeing(net, thrower);
                CreateRequest r = type == RequestType.KEEP ? CreateRequest.keep("bob", 50)
                        : CreateRequest.measure("bob", 50, BasisChoice.randomXz());
                CreateId id = net.alice.create(r.withMinFidelity(0.85).withPurposeId(7));
                net.platform.runUntil(() -> net.errors.size() == 2, 10_000_000_000L);
                assertEquals(List.of(LinkErrorCode.OTHER, LinkErrorCode.OTHER), codes(net), net.errors::toString);
                assertTrue(net.errors.stream().allMatch(e -> e.createId().equals(id)));
                assertTrue((thrower.equals("alice") ? net.alice : net.bob).listenerFailures() >= 1);
                assertTrue(net.atAlice.size() < 50 && net.atBob.size() < 50, "the request ended early");
                assertNothingAllocated(net);
            }
        }
    }

    @Test
    void noresForAnAtomicRequestLargerThanTheMemory() {
        try (var net = net(76)) {
            listenFreeing(net, "");
            int capacity = net.aliceMemory.capacity();
            net.alice.create(CreateRequest.keep("bob", capacity + 1).withMinFidelity(0.85).withPurposeId(7)
                    .withAtomic(true));
            net.platform.runUntil(() -> !net.errors.isEmpty(), 1_000_000_000L);
            assertEquals(List.of(LinkErrorCode.NORES), codes(net));
            assertNothingAllocated(net);
        }
    }

    @Test
    void anAtomicRequestHandsUpAllItsPairsTogether() {
        try (var net = net(77)) {
            List<Long> handedUpAt = new ArrayList<>();
            int pairs = 3;
            net.alice.listen(7, FaultyClassicalNetworkTest.recorder(net.atAlice,
                    () -> handedUpAt.add(net.platform.scheduler("alice").clock().nanos()), net.errors));
            net.alice.create(CreateRequest.keep("bob", pairs).withMinFidelity(0.85).withPurposeId(7).withAtomic(true));
            net.platform.runUntil(() -> net.atAlice.size() == pairs && net.atBob.size() == pairs, Long.MAX_VALUE);
            assertEquals(1, handedUpAt.stream().distinct().count(), "all at the same instant: " + handedUpAt);
            assertEquals(pairs, net.atAlice.stream().map(LinkPair::qubit).distinct().count(), "held at once");
            assertTrue(net.atAlice.get(0).goodnessTime() < net.atAlice.get(pairs - 1).goodnessTime(),
                    "made one after the other");
            assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob));
        }
    }
}
