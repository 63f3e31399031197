package org.qnetstack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.internal.AdmissionController;

/**
 * Circuits on small meshes with the network's controller, against the simulator's true state: the path is
 * chosen by the quantum-aware cost, circuits crossing at a repeater or sharing a link never mix their pairs,
 * admitted requests are served at their rates, a request beyond capacity is refused, and tear-down gives
 * back every reservation and qubit.
 */
class VirtualCircuitsTest {
    /** Generic devices: perfect gates, memories that dephase (T2) and relax slowly (T1). */
    static Map<String, Object> devices(int qubits, String t1, String t2) {
        Map<String, Object> o = new HashMap<>();
        o.put("qubits", qubits);
        o.put("communicationQubits", qubits);
        o.put("communicationT1", t1);
        o.put("storageT1", t1);
        o.put("communicationT2", t2);
        o.put("storageT2", t2);
        return o;
    }

    static LinkSpec link(String a, String b, double km, double fidelity, double successProbability) {
        String name = a + "-" + b;
        return new LinkSpec(name, a, b, km, HeraldingScheme.SINGLE_CLICK,
                new StationSpec(name + "-station", StationSpec.SIMULATED_DETECTORS),
                Map.of("linkFidelity", fidelity, "linkSuccessProbability", successProbability));
    }

    static PlatformSpec mesh(long seed, Map<String, Object> device, List<String> nodes, List<LinkSpec> links) {
        return new PlatformSpec(seed, nodes.stream().map(n -> new NodeSpec(n, "generic", device, 0)).toList(), links);
    }

    /** One end-to-end pair as both its ends got it, and its true fidelity to the Bell state A reports. */
    record Delivered(String a, EndToEndPair atA, String b, EndToEndPair atB, double trueFidelity) {
    }

    /**
     * Runs until every request's pairs have reached both ends (or an error); pairs are matched across nodes by
     * their pair id, their true state read, and released at once.
     */
    static List<Delivered> collect(SimulatedChain net, int expected, long maxNanos) {
        List<Delivered> out = new ArrayList<>();
        Map<String, Integer> read = new HashMap<>();
        Map<EntanglementId, Object[]> waiting = new LinkedHashMap<>();
        net.platform.runUntil(() -> {
            for (Map.Entry<String, List<EndToEndPair>> e : net.pairs.entrySet()) {
                List<EndToEndPair> list = e.getValue();
                for (int i = read.getOrDefault(e.getKey(), 0); i < list.size(); i++) {
                    EndToEndPair p = list.get(i);
                    Object[] other = waiting.remove(p.pairId());
                    if (other == null) {
                        waiting.put(p.pairId(), new Object[] {e.getKey(), p});
                    } else {
                        String a = (String) other[0];
                        EndToEndPair atA = (EndToEndPair) other[1];
                        out.add(new Delivered(a, atA, e.getKey(), p,
                                net.trueFidelity(a, atA, e.getKey(), p, atA.bellIndex())));
                        net.release(a, atA.qubit());
                        net.release(e.getKey(), p.qubit());
                    }
                }
                read.put(e.getKey(), list.size());
            }
            return out.size() >= expected || net.errors.values().stream().anyMatch(l -> !l.isEmpty());
        }, maxNanos);
        return out;
    }

    /** Counts pairs whose ends disagree or whose true state is not the reported one within the interval. */
    static int mismatches(List<Delivered> pairs, List<String> log) {
        int bad = 0;
        for (Delivered d : pairs) {
            EndToEndPair a = d.atA();
            EndToEndPair b = d.atB();
            double f = d.trueFidelity();
            boolean ok = a.pairId().equals(b.pairId()) && a.bellIndex() == b.bellIndex()
                    && a.circuit().equals(b.circuit()) && a.remoteNode().equals(d.b()) && b.remoteNode().equals(d.a())
                    && f >= a.fidelityLower() - 1e-9 && f <= a.fidelityUpper() + 1e-9
                    && f >= b.fidelityLower() - 1e-9 && f <= b.fidelityUpper() + 1e-9;
            if (!ok) {
                bad++;
                log.add(d + " true F " + f);
            }
        }
        return bad;
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 9})
    void chainsDeliverPairsWhoseTrueFidelityLiesInTheReportedInterval(int nodes) {
        // Memories that dephase (T2 = 50 ms) while link pairs wait: the interval must cover the decay.
        PlatformSpec spec = SimulatedChain.spec(nodes, "generic", devices(4, "10s", "50ms"), 80 + nodes);
        try (SimulatedChain net = new SimulatedChain(spec, p -> new AdmissionController(SimulatedChain.model(p)))) {
            int number = 20;
            net.services.get("n0").request(new PairRequest("n" + (nodes - 1), RequestType.KEEP, number, 0,
                    MeasureBasis.Z, SimulatedChain.SOCKET, 0));
            List<Delivered> pairs = collect(net, number, 120_000_000_000L);
            assertEquals(number, pairs.size(), net.errors.toString());
            List<String> log = new ArrayList<>();
            assertEquals(0, mismatches(pairs, log), String.join("\n", log));
            assertTrue(pairs.stream().allMatch(d -> d.atA().fidelityLower() < d.atA().fidelityUpper()),
                    "a real interval, not [0, 1] by default");
        }
    }

    @Test
    void theControllerTakesTwoGoodHopsOverOneLongLossyLink() {
        // A – B directly over 50 km at p = 0.002 per attempt, or A – M – B over two 1 km links at p = 0.2.
        PlatformSpec spec = mesh(71, devices(4, "inf", "inf"), List.of("A", "M", "B"), List.of(
                link("A", "B", 50, 0.97, 0.002), link("A", "M", 1, 0.97, 0.2), link("M", "B", 1, 0.97, 0.2)));
        try (SimulatedChain net = new SimulatedChain(spec, p -> new AdmissionController(SimulatedChain.model(p)))) {
            Route route = net.controller.route("A", "B", 0.9, CircuitPolicy.NONE, 0);
            assertEquals(List.of("A", "M", "B"), route.path());
            Route direct = net.controller.evaluate(List.of("A", "B"), CircuitPolicy.NONE);
            assertTrue(route.pairsPerSecond() > 20 * direct.pairsPerSecond(), route + " vs " + direct);
            int number = 30;
            net.services.get("A").request(new PairRequest("B", RequestType.KEEP, number, 0.9, MeasureBasis.Z,
                    SimulatedChain.SOCKET, 0));
            List<Delivered> pairs = collect(net, number, 10_000_000_000L);
            assertEquals(number, pairs.size());
            List<String> log = new ArrayList<>();
            assertEquals(0, mismatches(pairs, log), String.join("\n", log));
            // Werner 0.97 pairs swapped once, memories perfect: every pair is exactly the two-hop state, not the
            // direct link's 0.97.
            double w = 0.96 * 0.96;
            for (Delivered d : pairs) {
                assertEquals((3 * w + 1) / 4, d.trueFidelity(), 1e-9);
            }
            net.settle();
            assertEquals(0, net.inUse());
        }
    }

    /** A plus: A, B, C, D around the repeater M, 1 km links of Werner 0.95 pairs at p = 0.1 per attempt. */
    static PlatformSpec plus(long seed, Map<String, Object> device) {
        List<LinkSpec> links = new ArrayList<>();
        for (String n : List.of("A", "B", "C", "D")) {
            links.add(link(n, "M", 1, 0.95, 0.1));
        }
        return mesh(seed, device, List.of("A", "B", "C", "D", "M"), links);
    }

    @Test
    void crossingCircuitsNeverMixTheirPairs() {
        // T2 = 2 ms: pairs wait tens of µs, so the lower end of the interval is below the estimate but
        // the true state stays inside it.
        try (SimulatedChain net = new SimulatedChain(plus(73, devices(4, "1s", "2ms")),
                p -> new AdmissionController(SimulatedChain.model(p)))) {
            int number = 60;
            // The controller expects F ≈ 0.79 after the memories' share (0.9025 without them).
            net.services.get("A").request(new PairRequest("C", RequestType.KEEP, number, 0.75, MeasureBasis.Z,
                    SimulatedChain.SOCKET, 0).withRate(500));
            net.services.get("B").request(new PairRequest("D", RequestType.KEEP, number, 0.75, MeasureBasis.Z,
                    SimulatedChain.SOCKET, 0).withRate(500));
            assertEquals(4, net.controller.reservedQubits("M"));
            List<Delivered> pairs = collect(net, 2 * number, 10_000_000_000L);
            net.errors.values().forEach(e -> assertEquals(List.of(), e));
            assertEquals(2 * number, pairs.size());
            List<String> log = new ArrayList<>();
            assertEquals(0, mismatches(pairs, log), String.join("\n", log));
            int ac = 0;
            for (Delivered d : pairs) {
                String ends = d.a().compareTo(d.b()) < 0 ? d.a() + d.b() : d.b() + d.a();
                assertTrue(ends.equals("AC") || ends.equals("BD"), "a pair between " + ends);
                ac += ends.equals("AC") ? 1 : 0;
                assertTrue(d.atA().fidelityLower() < d.atA().fidelityUpper(), "a real interval");
            }
            assertEquals(number, ac);
            net.settle();
            assertEquals(0, net.inUse());
            assertEquals(0, net.controller.reservations());
        }
    }

    @Test
    void requestsThatFitAreServedAtTheirRatesAndOneBeyondCapacityIsRefused() {
        // A → C and A → D share the link A – M. The model: keep pairs every 2 slots of 10 µs at p = 0.1,
        // 5000 pairs/s per link, 4500 reservable.
        try (SimulatedChain net = new SimulatedChain(plus(79, devices(6, "1s", "1s")),
                p -> new AdmissionController(SimulatedChain.model(p)))) {
            NetworkModel.Link am = net.controller.model().linkBetween("A", "M").orElseThrow();
            assertEquals(5000, am.pairsPerSecond(), 1e-6);
            double rate = 1000;
            int number = 100;
            Route toC = net.controller.route("A", "C", 0.8, CircuitPolicy.NONE, rate);
            net.services.get("A").request(new PairRequest("C", RequestType.KEEP, number, 0.8, MeasureBasis.Z,
                    SimulatedChain.SOCKET, 0).withRate(rate));
            net.services.get("A").request(new PairRequest("D", RequestType.KEEP, number, 0.8, MeasureBasis.Z,
                    SimulatedChain.SOCKET, 0).withRate(rate));
            assertEquals(2 * rate, net.controller.reservedPairsPerSecond("A-M"), 1e-9);
            // 2500 pairs/s left on A – M and 4500 on M – B: a third circuit A → B serves at most
            // 1/(1/2500 + 1/4500 − 1/7000 s) ≈ 2090 pairs/s.
            AdmissionException refused = assertThrows(AdmissionException.class, () -> net.services.get("A")
                    .request(new PairRequest("B", RequestType.KEEP, 10, 0.8, MeasureBasis.Z, 9, 0).withRate(2500)));
            assertEquals("pairsPerSecond", refused.field());
            assertEquals(2, net.controller.reservations(), "the refusal reserved nothing");
            long start = net.platform.scheduler("A").clock().nanos();
            List<Delivered> pairs = collect(net, 2 * number, 10_000_000_000L);
            assertEquals(2 * number, pairs.size());
            List<String> log = new ArrayList<>();
            assertEquals(0, mismatches(pairs, log), String.join("\n", log));
            // Paced: pair k (from 0) starts at start + k/R and arrives after its latency L_k. The circuit keeps up
            // if L_k does not grow: the second half's mean latency is the first half's within four standard
            // errors of their difference. Then the served rate n / (t_last − start) is R·n/(n − 1 + R·L_last),
            // within R·(R·(mean L + 4 sd) + 1)/n of R.
            for (String far : List.of("C", "D")) {
                long[] times = pairs.stream().filter(d -> d.b().equals(far) || d.a().equals(far))
                        .mapToLong(d -> Math.max(d.atA().fidelityTime(), d.atB().fidelityTime()) - start)
                        .sorted().toArray();
                assertEquals(number, times.length);
                double[] late = new double[number];
                for (int k = 0; k < number; k++) {
                    late[k] = (times[k] - k * 1e9 / rate) / 1e9;
                }
                double mean = java.util.Arrays.stream(late).average().orElseThrow();
                double sd = Math.sqrt(java.util.Arrays.stream(late).map(x -> (x - mean) * (x - mean)).sum()
                        / (number - 1));
                double first = java.util.Arrays.stream(late, 0, number / 2).average().orElseThrow();
                double second = java.util.Arrays.stream(late, number / 2, number).average().orElseThrow();
                assertTrue(second - first <= 4 * sd * Math.sqrt(2.0 / (number / 2)), "A → " + far + " falls behind: "
                        + "mean latency " + first + " s, then " + second + " s (sd " + sd + ")");
                double served = number / (times[number - 1] / 1e9);
                double tolerance = rate * (rate * (mean + 4 * sd) + 1) / number;
                assertEquals(rate, served, tolerance, "A → " + far + " served " + served + " pairs/s");
                System.out.printf(java.util.Locale.ROOT, "A → %s: %.1f pairs/s served of %.0f reserved (±%.1f); "
                        + "latency %.3f ± %.3f ms (model's wait alone %.3f ms)%n", far, served, rate, tolerance,
                        mean * 1e3, sd * 1e3, toC.waitNanos() / 1e6);
            }
            net.settle();
            assertEquals(0, net.inUse());
            assertEquals(0, net.controller.reservations(), "done requests give their reservations back");
            assertEquals(0, net.controller.reservedPairsPerSecond("A-M"), 1e-9);
        }
    }

    @Test
    void cancellingACircuitFreesEveryQubitAndItsReservation() {
        try (SimulatedChain net = new SimulatedChain(plus(83, devices(4, "1s", "1s")),
                p -> new AdmissionController(SimulatedChain.model(p)))) {
            net.services.get("A").request(new PairRequest("C", RequestType.KEEP, 1000, 0.8, MeasureBasis.Z,
                    SimulatedChain.SOCKET, 0).withRate(100));
            List<Delivered> some = collect(net, 5, 10_000_000_000L);
            assertEquals(5, some.size());
            assertEquals(1, net.controller.reservations());
            assertTrue(net.services.get("A").cancel(SimulatedChain.SOCKET));
            assertEquals(0, net.controller.reservations());
            assertTrue(!net.services.get("A").cancel(SimulatedChain.SOCKET), "nothing left to cancel");
            net.settle();
            // Pairs collected were released; one delivered at one end only before the cancel stays with its
            // application (its partner is gone, and the application hears of it); everything else is free.
            int unmatched = net.pairs.get("A").size() + net.pairs.get("C").size() - 2 * some.size();
            assertEquals(unmatched, net.inUse());
        }
    }
}
