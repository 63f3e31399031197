package org.qnetstack.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.physical.ClassicalFaults;

/**
 * Measure-directly requests with a basis choice per side (CHSH angles, explicit rotations) give the
 * correlations of the heralded Bell state along those axes; test rounds estimate the fidelity with an
 * interval that holds the true value, and their goodness falls when the devices are worse than the model.
 */
class BasesAndTestRoundsTest {

    /** ⟨a·σ ⊗ b·σ⟩ in Bell state {@code bell}: its correlation matrix is diagonal with entries ±1. */
    private static double correlation(int bell, MeasurementAxis a, MeasurementAxis b) {
        double[] u = a.bloch();
        double[] v = b.bloch();
        Basis[] order = {Basis.X, Basis.Y, Basis.Z};
        double e = 0;
        for (int i = 0; i < 3; i++) {
            e += u[i] * v[i] * Bell.sign(bell, order[i]);
        }
        return e;
    }

    /** Signs of ⟨P⊗P⟩ in the four Bell states, independently of the code under test. */
    private static final class Bell {
        private static final int[][] SIGNS = {{1, -1, 1}, {-1, 1, 1}, {1, 1, -1}, {-1, -1, -1}}; // X, Y, Z

        static int sign(int bell, Basis p) {
            return SIGNS[bell][p == Basis.X ? 0 : p == Basis.Y ? 1 : 2];
        }
    }

    private record Key(int bell, MeasurementAxis a, MeasurementAxis b) {
    }

    @Test
    void chshAnglesAndExplicitRotationsGiveTheBellStatesCorrelations() {
        MeasurementAxis tilted = MeasurementAxis.of(1.1, 0.7);
        var first = BasisChoice.chshFirst();
        var second = new BasisChoice(List.of(new BasisChoice.Option(MeasurementAxis.inXzPlane(Math.PI / 4), 0.4),
                new BasisChoice.Option(MeasurementAxis.inXzPlane(-Math.PI / 4), 0.4),
                new BasisChoice.Option(tilted, 0.2)));
        int pairs = 6000;
        try (var net = new LinkLayerSimulationTest.Net(LinkLayerSimulationTest.twoNodes("ideal", 10, 81))) {
            net.alice.create(CreateRequest.measure("bob", pairs, BasisChoice.randomXz()).withBases(first, second)
                    .withMinFidelity(0.95).withPurposeId(7));
            net.platform.runUntil(() -> net.atAlice.size() == pairs && net.atBob.size() == pairs, Long.MAX_VALUE);
            Map<Key, double[]> sums = new HashMap<>(); // sum of ±1 products, count
            Map<MeasurementAxis, Integer> bobAxes = new HashMap<>();
            for (int i = 0; i < pairs; i++) {
                LinkPair a = net.atAlice.get(i);
                LinkPair b = net.atBob.get(i);
                assertEquals(a.entanglementId(), b.entanglementId());
                bobAxes.merge(b.axis(), 1, Integer::sum);
                double[] s = sums.computeIfAbsent(new Key(a.bellIndex(), a.axis(), b.axis()), k -> new double[2]);
                s[0] += (a.outcome() ^ b.outcome()) == 0 ? 1 : -1;
                s[1]++;
            }
            assertTrue(bobAxes.keySet().containsAll(List.of(tilted, MeasurementAxis.inXzPlane(Math.PI / 4))));
            assertEquals(0.2, bobAxes.get(tilted) / (double) pairs, 4 * Math.sqrt(0.16 / pairs), "option weights");
            assertTrue(sums.size() >= 12, "2 heralded states × 2 × 3 settings: " + sums.keySet());
            for (var e : sums.entrySet()) {
                Key k = e.getKey();
                double n = e.getValue()[1];
                double mean = e.getValue()[0] / n;
                double expected = correlation(k.bell(), k.a(), k.b());
                double sigma = Math.sqrt(Math.max(1 - expected * expected, 1.0 / n) / n);
                assertEquals(expected, mean, 5 * sigma, k + " over " + n + " pairs");
            }
        }
    }

    private static PlatformSpec estimatorNetwork(boolean perfectReadout, long seed) {
        Map<String, Object> fields = new HashMap<>(Map.of("emissionEfficiency", 0.1));
        if (perfectReadout) {
            // and no noise in the move of a kept pair to storage, which the link model leaves out too
            fields.putAll(Map.of("readoutError0", 0, "readoutError1", 0, "gateCommunicationError", 0,
                    "initCommunicationError", 0, "twoQubitGateError", 0, "gateStorageError", 0,
                    "initStorageError", 0));
        }
        return new PlatformSpec(seed, List.of(new NodeSpec("alice", "nv-2022", fields, 0),
                new NodeSpec("bob", "nv-2022", fields, 0)),
                List.of(new LinkSpec("alice-bob", "alice", "bob", 2, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("alice-bob-station", StationSpec.SIMULATED_DETECTORS), Map.of())),
                Map.of("attempts", "skip"));
    }

    @ParameterizedTest
    @EnumSource(RequestType.class)
    void testRoundsBracketTheTrueFidelityAndLowerGoodnessWhenDevicesAreWorseThanTheModel(RequestType type) {
        int pairs = type == RequestType.KEEP ? 400 : 3000;
        for (boolean perfect : new boolean[] {true, false}) {
            try (var net = new LinkLayerSimulationTest.Net(estimatorNetwork(perfect, 82), ClassicalFaults.NONE)) {
                LinkErrorCodesTest.listenFreeing(net, "");
                CreateRequest base = type == RequestType.KEEP ? CreateRequest.keep("bob", pairs)
                        : CreateRequest.measure("bob", pairs, BasisChoice.randomXyz());
                net.alice.create(base.withMinFidelity(0.8).withPurposeId(7).withTestFraction(0.5));
                net.platform.runUntil(() -> (net.atAlice.size() == pairs && net.atBob.size() == pairs)
                        || net.errors.size() == 2, Long.MAX_VALUE);
                double alpha = net.alice.alphaFor("bob", type == RequestType.KEEP
                        ? 0.8 + org.qnetstack.link.internal.DefaultLinkService.KEEP_DECAY_MARGIN : 0.8);
                FidelityEstimate e = net.alice.fidelityEstimate("bob", alpha);
                assertTrue(e.testRounds() >= 100, "test rounds: " + e);
                assertEquals(net.alice.counters("bob").tested(), net.bob.counters("alice").tested());
                if (perfect) {
                    // The model's fidelity is the heralded state's true fidelity (checked against the ground truth
                    // in LinkLayerSimulationTest); the 95% interval of this seed holds it.
                    assertTrue(net.errors.isEmpty(), net.errors::toString);
                    assertTrue(e.lower() <= e.model() && e.model() <= e.upper(), e.toString());
                    assertEquals(e.model(), e.goodness(), 1e-12, "the tests agree with the model");
                } else {
                    // 7% readout error on |0⟩, rotation and init errors, and for kept pairs the two noisy CNOTs of
                    // the move to storage: none is in the link model, but the test rounds see them, and once the
                    // interval lies below the minimum the request ends with UNSUPP at both ends.
                    assertTrue(e.upper() < 0.8 && e.upper() < e.model(), e.toString());
                    assertEquals(e.upper(), e.goodness(), 1e-12);
                    assertEquals(List.of(LinkErrorCode.UNSUPP, LinkErrorCode.UNSUPP),
                            net.errors.stream().map(LinkError::code).toList());
                    assertTrue(net.errors.get(0).message().startsWith("test rounds show"), net.errors.get(0).message());
                    assertTrue(net.atAlice.size() < pairs);
                    net.platform.runUntil(() -> false, 100_000_000L);
                    assertEquals(0, net.aliceMemory.inUse());
                    assertEquals(0, net.bobMemory.inUse());
                }
                assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob));
            }
        }
    }
}
