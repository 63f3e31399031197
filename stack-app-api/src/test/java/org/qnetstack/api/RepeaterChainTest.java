package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;

/**
 * End-to-end pairs across a chain of repeaters that swap as soon as they hold both halves: at both ends
 * the same pair id, the same Bell index, and the true state exactly that Bell state (ideal devices).
 */
class RepeaterChainTest {
    static PlatformSpec chain(int nodes) {
        return chain(nodes, "ideal");
    }

    static PlatformSpec chain(int nodes, String preset) {
        return chain(nodes, preset, Map.of("communicationQubits", 2));
    }

    static PlatformSpec chain(int nodes, String preset, Map<String, Object> overrides) {
        List<NodeSpec> ns = new ArrayList<>();
        List<LinkSpec> ls = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ns.add(new NodeSpec("n" + i, preset, overrides, 0));
            if (i > 0) {
                String name = "n" + (i - 1) + "-n" + i;
                ls.add(new LinkSpec(name, "n" + (i - 1), "n" + i, 5, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec(name + "-station", StationSpec.SIMULATED_DETECTORS), Map.of()));
            }
        }
        return new PlatformSpec(11, ns, ls);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 9})
    void endToEndPairsAreTheBellStatesBothEndsReport(int nodes) {
        int pairs = 20;
        String head = "n0";
        String tail = "n" + (nodes - 1);
        try (SimulatedNetwork net = SimulatedNetwork.of(chain(nodes))) {
            GroundTruth truth = net.groundTruth();
            List<EprPair> atHead = new ArrayList<>();
            List<EprPair> atTail = new ArrayList<>();
            List<Double> fidelities = new ArrayList<>();
            net.run(head, node -> {
                for (int i = 0; i < pairs; i++) {
                    atHead.add(node.eprSocket(tail).createKeep().block());
                    node.classicalSocket(tail).send("have it").block();
                    node.classicalSocket(tail).recv().block(); // the tail has read the pair's state
                    atHead.get(i).qubit().release();
                }
            });
            net.run(tail, node -> {
                for (int i = 0; i < pairs; i++) {
                    EprPair mine = node.eprSocket(head).recvKeep().block();
                    atTail.add(mine);
                    node.classicalSocket(head).recv().block(); // the head has its half too
                    EprPair theirs = atHead.get(i);
                    fidelities.add(truth.bellFidelity(theirs.qubit().address(), mine.qubit().address(), mine.bellIndex()));
                    mine.qubit().release();
                    node.classicalSocket(head).send("read").block();
                }
            });
            net.awaitCompletion();
            for (int i = 0; i < pairs; i++) {
                assertEquals(atHead.get(i).id(), atTail.get(i).id());
                assertEquals(atHead.get(i).bellIndex(), atTail.get(i).bellIndex());
                assertEquals(1.0, fidelities.get(i), 1e-9, "pair " + i + " over " + (nodes - 1) + " links");
            }
            for (int i = 0; i < nodes; i++) {
                assertEquals(0, net.node("n" + i).qubitsInUse(), "n" + i + " holds no qubit");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void swappingWernerPairsMultipliesTheirWeights() {
        // generic links: Werner pairs of F = 0.8 (w = 0.733); over two links w² → F = 0.6533 (docs/physics.md).
        int pairs = 200;
        double w = (4 * 0.8 - 1) / 3;
        double expected = (3 * w * w + 1) / 4;
        // Memories that keep their state (T1 = T2 = ∞), so that only the swap acts on the pairs.
        Map<String, Object> perfectMemory = Map.of("communicationQubits", 2, "communicationT1", "inf",
                "communicationT2", "inf", "storageT1", "inf", "storageT2", "inf");
        try (SimulatedNetwork net = SimulatedNetwork.of(chain(3, "generic", perfectMemory))) {
            GroundTruth truth = net.groundTruth();
            List<EprPair> atHead = new ArrayList<>();
            List<Double> fidelities = new ArrayList<>();
            List<Double> estimates = new ArrayList<>();
            net.run("n0", node -> {
                for (int i = 0; i < pairs; i++) {
                    atHead.add(node.eprSocket("n2").minFidelity(0.6).createKeep().block());
                    node.classicalSocket("n2").send("have it").block();
                    node.classicalSocket("n2").recv().block();
                    atHead.get(i).qubit().release();
                }
            });
            net.run("n2", node -> {
                for (int i = 0; i < pairs; i++) {
                    EprPair mine = node.eprSocket("n0").recvKeep().block();
                    node.classicalSocket("n0").recv().block();
                    fidelities.add(truth.bellFidelity(atHead.get(i).qubit().address(), mine.qubit().address(),
                            mine.bellIndex()));
                    estimates.add(mine.fidelity());
                    mine.qubit().release();
                    node.classicalSocket("n0").send("read").block();
                }
            });
            net.awaitCompletion();
            double mean = fidelities.stream().mapToDouble(d -> d).average().orElseThrow();
            // Each pair's true state is exactly the swapped Werner state: no sampling enters the fidelity itself.
            assertEquals(expected, mean, 1e-9);
            assertEquals(expected, estimates.get(0), 1e-9, "the reported estimate is the swap formula");
        }
    }
}
