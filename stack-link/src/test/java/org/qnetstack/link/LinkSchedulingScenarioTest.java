package org.qnetstack.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.physical.ClassicalFaults;

/**
 * Competing requests on one simulated link: strict priority between classes, weighted fair queueing within
 * one, consecutive requests, and the delivered rate of measure-directly requests against p/t.
 */
class LinkSchedulingScenarioTest {
    private static final int PAIRS = 3000;

    private static Map<CreateId, Long> countByRequest(List<LinkPair> pairs) {
        return pairs.stream().collect(Collectors.groupingBy(LinkPair::createId, Collectors.counting()));
    }

    @Test
    void requestsOfOneClassShareTheLinkByWeight() {
        try (var net = new LinkLayerSimulationTest.Net(StepVersusSkipTest.network("skip", 61), ClassicalFaults.NONE)) {
            int[] weights = {1, 2, 3};
            CreateId[] ids = new CreateId[3];
            for (int i = 0; i < 3; i++) {
                // from both ends: the master's queue serves everyone's requests
                LinkService at = i == 1 ? net.bob : net.alice;
                ids[i] = at.create(CreateRequest.measure(i == 1 ? "alice" : "bob", 1_000_000,
                        BasisChoice.randomXz()).withMinFidelity(0.85).withPurposeId(7).withWeight(weights[i]));
            }
            net.platform.runUntil(() -> net.atAlice.size() >= PAIRS && net.atBob.size() >= PAIRS, Long.MAX_VALUE);
            Map<CreateId, Long> counts = countByRequest(net.atAlice.subList(0, PAIRS));
            double sigmaMax = Math.sqrt(0.25 / PAIRS);
            for (int i = 0; i < 3; i++) {
                double share = counts.getOrDefault(ids[i], 0L) / (double) PAIRS;
                double expected = weights[i] / 6.0;
                // 4σ of a binomial share, plus the unfinished last cycle
                assertEquals(expected, share, 4 * sigmaMax + 0.01, "request of weight " + weights[i] + ": " + counts);
            }
            assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob));
        }
    }

    @Test
    void aHigherClassIsServedFirstAndAConsecutiveRequestIsNotInterleaved() {
        try (var net = new LinkLayerSimulationTest.Net(StepVersusSkipTest.network("skip", 62), ClassicalFaults.NONE)) {
            CreateRequest base = CreateRequest.measure("bob", 200, BasisChoice.fixed(MeasurementAxis.Z))
                    .withMinFidelity(0.85).withPurposeId(7);
            CreateId low = net.alice.create(base);
            CreateId consecutive = net.alice.create(base.withConsecutive(true).withPriority(Priority.CREATE_KEEP));
            CreateId other = net.alice.create(base.withPriority(Priority.CREATE_KEEP));
            CreateId high = net.alice.create(base.withPriority(Priority.NETWORK_LAYER));
            net.platform.runUntil(() -> net.atAlice.size() == 800 && net.atBob.size() == 800, Long.MAX_VALUE);
            List<CreateId> order = net.atAlice.stream().map(LinkPair::createId).toList();
            // All four start in the same slot (queued together): the network-layer one comes first entirely,
            // then the first keep-class request in line (consecutive, so alone), then the other, then the low one.
            assertEquals(List.of(high, consecutive, other, low), runs(order), "served in blocks by class");
            assertEquals(0, FaultyClassicalNetworkTest.mismatches(net.atAlice, net.atBob));
        }
    }

    /** The sequence of distinct request ids in order, collapsing repeats. */
    private static <T> List<T> runs(List<T> order) {
        List<T> runs = new ArrayList<>();
        for (T t : order) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(t)) {
                runs.add(t);
            }
        }
        return runs;
    }
}
