package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetstack.hal.GroundTruth;

/**
 * Quality of service through the socket on generic chains (Werner links of F = 0.8; see {@link #ROOMY}): a request the
 * network admits delivers pairs whose true fidelity (ground truth, read when the later end has its half) meets
 * the asked minimum, and one it cannot meet ends before any pair with REFUSED and a reason in figures.
 */
class PairQualityTest {
    /** Pairs per admitted request: enough that a share below {@link #SHARE} shows (see {@link #minimumMet}). */
    static final int PAIRS = 30;
    /** The share of delivered pairs whose true fidelity must reach the minimum. */
    static final double SHARE = 0.9;

    /**
     * Room for every distillation round's pairs (2^4 per hop side, two sides at a repeater), links ten times the
     * preset's rate and memories of T2 = 10 s, so that four rounds' waits cost little and 0.95 is within reach.
     */
    static final Map<String, Object> ROOMY = Map.of("qubits", 32, "communicationQubits", 32,
            "linkSuccessProbability", 0.1, "communicationT2", "10s", "storageT2", "10s");

    /** What one request on a socket with a quality gave: the true fidelity of each pair, or the refusal. */
    record Outcome(List<Double> fidelities, List<Double> estimates, EprException refusal) {
    }

    static Outcome run(int nodes, PairQuality quality, int pairs) {
        return runOn(RepeaterChainTest.chain(nodes, "generic", ROOMY), nodes, quality, pairs);
    }

    static Outcome runOn(org.qnetstack.hal.PlatformSpec spec, int nodes, PairQuality quality, int pairs) {
        String head = "n0";
        String tail = "n" + (nodes - 1);
        List<Double> fidelities = new ArrayList<>();
        List<Double> estimates = new ArrayList<>();
        EprException[] refused = {null};
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            GroundTruth truth = net.groundTruth();
            List<EprPair> atHead = new ArrayList<>();
            net.run(head, node -> {
                EprSocket socket = node.eprSocket(tail).with(quality);
                for (int i = 0; i < pairs; i++) {
                    try {
                        atHead.add(socket.createKeep().block());
                    } catch (EprException e) {
                        refused[0] = e;
                        node.classicalSocket(tail).send("refused").block();
                        return;
                    }
                    node.classicalSocket(tail).send("have it").block();
                    node.classicalSocket(tail).recv().block(); // the tail has read the pair's state
                    atHead.get(i).qubit().release();
                }
            });
            net.run(tail, node -> {
                EprSocket socket = node.eprSocket(head);
                for (int i = 0; i < pairs; i++) {
                    if (node.classicalSocket(head).recv().block().equals("refused")) {
                        return;
                    }
                    EprPair mine = socket.recvKeep().block();
                    EprPair theirs = atHead.get(i);
                    fidelities.add(truth.bellFidelity(theirs.qubit().address(), mine.qubit().address(),
                            mine.bellIndex()));
                    estimates.add(mine.fidelity());
                    mine.qubit().release();
                    node.classicalSocket(head).send("read").block();
                }
            });
            net.awaitCompletion();
        }
        return new Outcome(fidelities, estimates, refused[0]);
    }

    /**
     * At least {@link #SHARE} of the pairs meet the minimum, less 3 standard errors of a share of n pairs
     * (σ = √(SHARE(1 − SHARE)/n)), so that a run at exactly SHARE passes and one clearly below fails.
     */
    static void minimumMet(Outcome o, double minFidelity, String what) {
        int n = o.fidelities().size();
        long met = o.fidelities().stream().filter(f -> f >= minFidelity).count();
        double tolerance = 3 * Math.sqrt(SHARE * (1 - SHARE) / n);
        assertTrue(met >= (SHARE - tolerance) * n, what + ": " + met + " of " + n + " pairs reach F ≥ " + minFidelity
                + " (true fidelities " + o.fidelities() + ")");
    }

    @ParameterizedTest(name = "{0} nodes, F ≥ {1}")
    @CsvSource({"3, 0.7", "3, 0.8", "3, 0.9", "3, 0.95", "5, 0.7", "5, 0.8", "5, 0.9"})
    void admittedRequestsDeliverTheirMinimumFidelity(int nodes, double minFidelity) {
        Outcome o = run(nodes, PairQuality.atLeast(minFidelity), PAIRS);
        assertEquals(null, o.refusal(), "admitted");
        assertEquals(PAIRS, o.fidelities().size());
        minimumMet(o, minFidelity, nodes + " nodes");
        o.estimates().forEach(e -> assertTrue(e >= minFidelity, "the network's estimate " + e));
    }

    /**
     * NV repeaters 5 km apart (nv-2022: one electron that communicates, T2 = 0.5 s; no room to distil): a link's
     * pairs wait about 0.3 s in memory for the other link's, and decay there below what any request of 0.7 needs,
     * whatever the other link gives. The network says so before any pair.
     */
    @Test
    void anNvChainRefusesWhatItsMemoriesCannotKeepNamingTheLinkAndTheDecay() {
        Outcome o = runOn(RepeaterChainTest.chain(3, "nv-2022", Map.of()), 3, PairQuality.atLeast(0.7), PAIRS);
        assertTrue(o.fidelities().isEmpty(), "no pair before the refusal");
        RefusalReason r = o.refusal().refusal().orElseThrow();
        assertEquals(RefusalReason.Figure.FIDELITY, r.figure());
        assertEquals("n0-n1", r.where());
        assertTrue(r.achievable() < 0.5, "the best expected, decay included: " + r.achievable());
        assertTrue(r.needed() > 1, "no link alone could close the gap: " + r.needed());
        assertTrue(r.advice().contains("in memory") && r.advice().contains("T2"), r.advice());
    }

    @Test
    void aFidelityNoDistillationReachesIsRefusedBeforeAnyPairWithTheLinkAndTheFigures() {
        Outcome o = run(5, PairQuality.atLeast(0.99), PAIRS);
        assertTrue(o.fidelities().isEmpty(), "no pair before the refusal");
        EprException e = o.refusal();
        assertEquals(EprErrorCode.REFUSED, e.code());
        RefusalReason r = e.refusal().orElseThrow();
        assertEquals(RefusalReason.Figure.FIDELITY, r.figure());
        assertEquals(RefusalReason.Scope.LINK, r.scope());
        assertTrue(r.where().matches("n\\d-n\\d"), r.where());
        assertEquals(0.99, r.asked());
        assertTrue(r.achievable() < 0.99 && r.achievable() > 0.5, "the best expected: " + r.achievable());
        assertTrue(r.needed() > r.achievable(), "what the link would need: " + r.needed());
        assertTrue(e.getMessage().contains("minFidelity"), e.getMessage());
    }

    @Test
    void aRateTheLinksCannotCarryIsRefusedWithTheLinkAndWhatItWouldNeed() {
        Outcome o = run(3, PairQuality.atLeast(0.6).withRate(1e6), PAIRS);
        assertTrue(o.fidelities().isEmpty());
        RefusalReason r = o.refusal().refusal().orElseThrow();
        assertEquals(RefusalReason.Figure.RATE, r.figure());
        assertEquals(1e6, r.asked());
        assertTrue(r.achievable() > 0 && r.achievable() < 1e6, "pairs/s the path offers: " + r.achievable());
        assertTrue(r.needed() >= 1e6, "raw pairs/s the link would need free: " + r.needed());
    }

    @Test
    void aReservationTheMemoriesCannotHoldIsRefusedAtTheNode() {
        // Generic nodes of 3 qubits: a repeater cannot hold two hop sides of one DEJMPS round (2 × 2 qubits).
        Outcome o = runSmall(PairQuality.atLeast(0.65).withRate(1).withDistillation(DistillationMode.DEJMPS));
        RefusalReason r = o.refusal().refusal().orElseThrow();
        assertEquals(RefusalReason.Figure.MEMORY, r.figure());
        assertEquals(RefusalReason.Scope.NODE, r.scope());
        assertEquals("n1", r.where());
        assertEquals(4, r.asked());
        assertEquals(3, r.achievable());
    }

    private static Outcome runSmall(PairQuality quality) {
        EprException[] refused = {null};
        try (SimulatedNetwork net = SimulatedNetwork.of(RepeaterChainTest.chain(3, "generic", Map.of()))) {
            net.run("n0", node -> refused[0] = assertThrows(EprException.class,
                    () -> node.eprSocket("n2").with(quality).createKeep().block()));
            net.awaitCompletion();
        }
        return new Outcome(List.of(), List.of(), refused[0]);
    }

    @Test
    void badOptionsNameTheirField() {
        assertField("minFidelity", () -> PairQuality.atLeast(1.2));
        assertField("pairsPerSecond", () -> PairQuality.DEFAULT.withRate(-1));
        assertField("pairsPerSecond", () -> PairQuality.DEFAULT.withRate(Double.POSITIVE_INFINITY));
        assertField("maxTime", () -> PairQuality.DEFAULT.withMaxTime(Duration.ZERO));
        assertField("distillation", () -> PairQuality.DEFAULT.withDistillation(null));
        assertField("cutoff", () -> PairQuality.DEFAULT.withCutoff((Cutoff) null));
        assertField("cutoff", () -> PairQuality.DEFAULT.withCutoff(Duration.ofSeconds(-1)));
        PairQuality q = PairQuality.atLeast(0.9).withRate(5).withCutoff(Duration.ofMillis(2));
        assertEquals(new PairQuality(0.9, 5, null, DistillationMode.AUTO, Cutoff.after(Duration.ofMillis(2))), q);
        assertEquals(PairQuality.DEFAULT, new PairQuality(0, 0, null, DistillationMode.AUTO, Cutoff.AUTO));
    }

    static void assertField(String field, org.junit.jupiter.api.function.Executable call) {
        ApiMisuseException e = assertThrows(ApiMisuseException.class, call);
        assertEquals(field, e.parameter(), e.getMessage());
    }
}
