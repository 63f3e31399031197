package org.qnetstack.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.internal.DelayedClassicalNetwork;
import org.qnetstack.sim.SimulatedPlatform;

class ClassicalNetworkTest {
    static SimulatedPlatform chain() {
        return new SimulatedPlatform(new PlatformSpec(1,
                List.of(NodeSpec.of("a", "nv-2022"), NodeSpec.of("b", "nv-2022"), NodeSpec.of("c", "nv-2022")),
                List.of(link("a", "b", 10), link("b", "c", 4))));
    }

    static LinkSpec link(String x, String y, double km) {
        return new LinkSpec(x + "-" + y, x, y, km, HeraldingScheme.SINGLE_CLICK,
                new StationSpec(x + "-" + y + "-station", StationSpec.SIMULATED_DETECTORS), Map.of());
    }

    @Test
    void messagesArriveAfterTheFibreDelayInOrder() {
        try (SimulatedPlatform platform = chain()) {
            ClassicalNetwork network = new DelayedClassicalNetwork(platform);
            List<long[]> arrivals = new ArrayList<>();
            network.register("b", "p", e -> arrivals.add(new long[] {platform.nanos(), (Integer) e.payload()}));
            network.register("c", "p", e -> arrivals.add(new long[] {platform.nanos(), (Integer) e.payload()}));
            network.send("a", "b", "p", 1);
            network.send("a", "b", "p", 2);
            network.send("a", "c", "p", 3);
            platform.runUntil(() -> false, Long.MAX_VALUE);
            long ab = Math.round(10 / 214_000.0 * 1e9); // nv-2022: light at 214,000 km/s
            long bc = Math.round(4 / 214_000.0 * 1e9);
            assertEquals(ab, arrivals.get(0)[0]);
            assertEquals(1, arrivals.get(0)[1]);
            assertEquals(2, arrivals.get(1)[1]);
            assertEquals(ab + bc, arrivals.get(2)[0], "two hops: the shortest path's delay");
            assertEquals(ab / 2, network.delayNanos("a", "a-b-station"), 1);
        }
    }

    @Test
    void delaysDoNotDependOnTheOrderOfQuestions() {
        // The network answers from either end's search and grows the receiver's: every order must agree.
        List<String> places = List.of("a", "b", "c", "a-b-station", "b-c-station");
        try (SimulatedPlatform platform = chain()) {
            long ab = Math.round(10 / 214_000.0 * 1e9);
            long bc = Math.round(4 / 214_000.0 * 1e9);
            // Positions along the line a – station – b – station – c; one station talks to the other through b.
            Map<String, Long> at = Map.of("a", 0L, "b", ab, "c", ab + bc, "a-b-station", ab / 2,
                    "b-c-station", ab + bc / 2);
            for (long seed = 0; seed < 6; seed++) {
                DelayedClassicalNetwork network = new DelayedClassicalNetwork(platform);
                List<String[]> questions = new ArrayList<>();
                for (String x : places) {
                    for (String y : places) {
                        questions.add(new String[] {x, y});
                    }
                }
                java.util.Collections.shuffle(questions, new java.util.Random(seed));
                for (String[] q : questions) {
                    assertEquals(Math.abs(at.get(q[0]) - at.get(q[1])), network.delayNanos(q[0], q[1]), 1,
                            q[0] + " → " + q[1] + ", order " + seed);
                }
            }
        }
    }

    @Test
    void aMessageNobodyServesIsCountedNotDelivered() {
        try (SimulatedPlatform platform = chain()) {
            ClassicalNetwork network = new DelayedClassicalNetwork(platform);
            network.send("a", "b", "nobody", "x");
            platform.runUntil(() -> false, Long.MAX_VALUE);
            assertEquals(1, network.undeliverable());
        }
    }

    /** Sends 10,000 numbered messages a→b, 1 µs apart, and returns the order they arrived in. */
    private static List<Integer> arrivals(ClassicalFaults faults, long seed, DelayedClassicalNetwork[] out) {
        try (SimulatedPlatform platform = new SimulatedPlatform(new PlatformSpec(seed,
                List.of(NodeSpec.of("a", "nv-2022"), NodeSpec.of("b", "nv-2022")), List.of(link("a", "b", 10))))) {
            DelayedClassicalNetwork network = new DelayedClassicalNetwork(platform, faults);
            out[0] = network;
            List<Integer> got = new ArrayList<>();
            network.register("b", "p", e -> got.add((Integer) e.payload()));
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                platform.scheduler("a").schedule(i * 1000L, () -> network.send("a", "b", "p", n));
            }
            platform.runUntil(() -> false, Long.MAX_VALUE);
            return got;
        }
    }

    @Test
    void injectedFaultsHappenAtTheirRatesAndTheSameSeedGivesTheSameFaults() {
        ClassicalFaults faults = new ClassicalFaults(0.05, 0.1, 0.2, 20_000);
        DelayedClassicalNetwork[] net = new DelayedClassicalNetwork[1];
        List<Integer> got = arrivals(faults, 5, net);
        double n = 10_000;
        // 4 standard deviations of each binomial count
        assertEquals(0.05 * n, net[0].dropped(), 4 * Math.sqrt(n * 0.05 * 0.95));
        assertEquals(0.1 * (n - net[0].dropped()), net[0].duplicated(), 4 * Math.sqrt(n * 0.1 * 0.9));
        long copies = (long) n - net[0].dropped() + net[0].duplicated();
        assertEquals(copies, got.size(), "every copy not dropped arrives");
        assertEquals(10_000, net[0].sent(), "sent counts every message handed over, dropped ones too");
        assertEquals(0.2 * copies, net[0].reordered(), 4 * Math.sqrt(copies * 0.2 * 0.8));
        int overtaken = 0;
        for (int i = 1; i < got.size(); i++) {
            overtaken += got.get(i) < got.get(i - 1) ? 1 : 0;
        }
        assertTrue(overtaken > 100, "held-back copies arrive after later messages: " + overtaken);
        assertEquals(got, arrivals(faults, 5, new DelayedClassicalNetwork[1]), "deterministic");
        assertTrue(!got.equals(arrivals(faults, 6, new DelayedClassicalNetwork[1])), "another seed, other faults");
    }

    @Test
    void withoutFaultsEveryMessageArrivesOnceInOrder() {
        DelayedClassicalNetwork[] net = new DelayedClassicalNetwork[1];
        List<Integer> got = arrivals(ClassicalFaults.NONE, 5, net);
        assertEquals(10_000, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i, got.get(i));
        }
        assertEquals(0, net[0].dropped() + net[0].duplicated() + net[0].reordered());
        assertEquals(10_000, net[0].sent());
    }

    @Test
    void aDisconnectedNodeNeitherSendsNorReceivesAndMessagesInFlightToItAreLost() {
        try (SimulatedPlatform platform = chain()) {
            DelayedClassicalNetwork network = new DelayedClassicalNetwork(platform);
            List<String> got = new ArrayList<>();
            network.register("a", "p", e -> got.add("a:" + e.payload()));
            network.register("b", "p", e -> got.add("b:" + e.payload()));
            network.register("c", "p", e -> got.add("c:" + e.payload()));
            network.send("a", "b", "p", "in flight when b goes down");
            network.send("b", "c", "p", "sent by b before it went down");
            network.disconnect("b");
            network.disconnect("b"); // twice: the same
            network.send("a", "b", "p", "to b while down");
            network.send("b", "a", "p", "from b while down");
            network.send("a", "c", "p", "a to c");
            network.reconnect("b");
            network.send("c", "b", "p", "to b once back");
            platform.runUntil(() -> false, Long.MAX_VALUE);
            // What b sent while up was already on the wire; what was addressed to the old b is lost.
            assertEquals(List.of("c:sent by b before it went down", "b:to b once back", "c:a to c"),
                    got);
            assertEquals(3, network.droppedDown());
            assertEquals(0, network.undeliverable());
        }
    }

    @Test
    void faultRatesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ClassicalFaults(1.5, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClassicalFaults(0, 0, 0.1, 0));
    }

    @Test
    void memoryHandsOutQubitsByRoleAndRefusesDoubleFree() {
        try (SimulatedPlatform platform = chain()) {
            QubitMemory memory = new QubitMemory(platform.device("a").info());
            assertEquals(0, memory.tryAllocate(QubitRole.COMMUNICATION));
            assertEquals(-1, memory.tryAllocate(QubitRole.COMMUNICATION), "nv-2022 has one electron");
            assertEquals(1, memory.tryAllocateAny());
            assertEquals(2, memory.tryAllocateAny());
            assertEquals(-1, memory.tryAllocateAny());
            assertEquals(3, memory.inUse());
            memory.free(1);
            assertThrows(IllegalStateException.class, () -> memory.free(1));
            assertEquals(2, memory.inUse());
        }
    }
}
