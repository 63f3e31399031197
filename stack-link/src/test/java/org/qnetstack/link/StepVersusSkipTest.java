package org.qnetstack.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QubitAddress;
import org.qnetstack.hal.StationSpec;

/**
 * Skipping failed attempts is exact: over 10,000 pairs the time to each herald and the delivered
 * fidelity have the same distribution as when every attempt is simulated. A two-sample
 * Kolmogorov–Smirnov test must not reject at the 1% level.
 */
class StepVersusSkipTest {
    private static final int PAIRS = 10_000;

    /** nv-2022 with a brighter emitter, so that the step-by-step run stays short (p ≈ 1%). */
    static PlatformSpec network(String attempts, long seed) {
        Map<String, Object> bright = Map.of("emissionEfficiency", 0.1);
        return new PlatformSpec(seed, List.of(new NodeSpec("alice", "nv-2022", bright, 0),
                new NodeSpec("bob", "nv-2022", bright, 0)),
                List.of(new LinkSpec("alice-bob", "alice", "bob", 2, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("alice-bob-station", StationSpec.SIMULATED_DETECTORS), Map.of())),
                Map.of("attempts", attempts));
    }

    /** Slots between consecutive heralds of measure-directly pairs. */
    static double[] timesToHerald(String attempts, long seed) {
        try (LinkLayerSimulationTest.Net net = new LinkLayerSimulationTest.Net(network(attempts, seed))) {
            net.alice.create(new CreateRequest("bob", RequestType.MEASURE, PAIRS, 0.85, MeasureBasis.Z, 7));
            net.platform.runUntil(() -> net.atAlice.size() == PAIRS && net.atBob.size() == PAIRS, Long.MAX_VALUE);
            long slot = net.platform.link("alice-bob").slotNanos();
            double[] gaps = new double[PAIRS - 1];
            for (int i = 1; i < PAIRS; i++) {
                gaps[i - 1] = (net.atAlice.get(i).goodnessTime() - net.atAlice.get(i - 1).goodnessTime()) / (double) slot;
            }
            assertEquals(net.atBob.size(), net.atAlice.size());
            return gaps;
        }
    }

    /** True fidelity of kept pairs at delivery (each consumed at once so the next can be made). */
    static double[] deliveredFidelities(String attempts, long seed) {
        try (LinkLayerSimulationTest.Net net = new LinkLayerSimulationTest.Net(network(attempts, seed))) {
            List<Double> fidelities = new ArrayList<>();
            net.bob.listen(7, new LinkListener() {
                @Override
                public void onPair(LinkPair pair) {
                    LinkPair a = net.atAlice.get(net.atAlice.size() - 1);
                    assertEquals(a.entanglementId(), pair.entanglementId());
                    fidelities.add(net.platform.groundTruth().orElseThrow().bellFidelity(
                            new QubitAddress("alice", a.qubit()), new QubitAddress("bob", pair.qubit()), pair.bellIndex()));
                    net.platform.device("alice").discard(a.qubit());
                    net.aliceMemory.free(a.qubit());
                    net.platform.device("bob").discard(pair.qubit());
                    net.bobMemory.free(pair.qubit());
                }

                @Override
                public void onError(LinkError error) {
                    throw new AssertionError(error.toString());
                }
            });
            net.alice.create(new CreateRequest("bob", RequestType.KEEP, PAIRS, 0.85, MeasureBasis.Z, 7));
            net.platform.runUntil(() -> fidelities.size() == PAIRS, Long.MAX_VALUE);
            assertEquals(0, net.aliceMemory.inUse());
            // The two modes apply the same decay in differently split steps: round off the last bits, which
            // would otherwise make nearly constant samples look different to the KS test.
            return fidelities.stream().mapToDouble(f -> Math.round(f * 1e12) / 1e12).toArray();
        }
    }

    @Test
    void timeToHeraldHasTheSameDistribution() {
        double[] step = timesToHerald("step", 21);
        double[] skip = timesToHerald("skip", 22);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(step, skip);
        assertTrue(p > 0.01, "KS p-value " + p);
        // …and both are geometric with the model's success probability: mean gap 1/p slots.
        double mean = java.util.Arrays.stream(skip).average().orElseThrow();
        double mStep = java.util.Arrays.stream(step).average().orElseThrow();
        assertEquals(mStep, mean, 4 * mean / Math.sqrt(PAIRS));
    }

    @Test
    void deliveredFidelityHasTheSameDistribution() {
        double[] step = deliveredFidelities("step", 31);
        double[] skip = deliveredFidelities("skip", 32);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(step, skip);
        assertTrue(p > 0.01, "KS p-value " + p);
    }
}
