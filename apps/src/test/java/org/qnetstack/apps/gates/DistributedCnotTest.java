package org.qnetstack.apps.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.apps.stages.TestNetworks;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QubitAddress;

class DistributedCnotTest {
    /** Outcomes of (control, target) after the gate on |c⟩|t⟩, and the fidelity of |+⟩|0⟩'s output to Φ+. */
    private static double gate(PlatformSpec spec, int c, int t, boolean bell, int[] outcomes) {
        QubitAddress[] addresses = new QubitAddress[2];
        double[] fidelity = {Double.NaN};
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run("alice", node -> {
                EprPair pair = node.eprSocket("bob").createKeep().block();
                Qubit control = node.qubit();
                if (bell) {
                    control.h();
                } else if (c == 1) {
                    control.x();
                }
                DistributedCnot.control(node, pair, control);
                addresses[0] = control.address();
                node.classicalSocket("bob", 1).recv().block(); // bob's target is in place
                if (bell) {
                    fidelity[0] = net.groundTruth().bellFidelity(addresses[0], addresses[1], 0);
                }
                outcomes[0] = control.measure().block();
                node.classicalSocket("bob", 1).send("done").block();
            });
            net.run("bob", node -> {
                EprPair pair = node.eprSocket("alice").recvKeep().block();
                Qubit target = node.qubit();
                if (!bell && t == 1) {
                    target.x();
                }
                DistributedCnot.target(node, pair, target);
                addresses[1] = target.address();
                node.classicalSocket("alice", 1).send("ready").block();
                node.classicalSocket("alice", 1).recv().block();
                outcomes[1] = target.measure().block();
            });
            net.awaitCompletion();
        }
        return fidelity[0];
    }

    @Test
    void truthTableOnNoiselessDevices() {
        PlatformSpec ideal = NetworkConfig.fromResource("networks/two-nodes-ideal.yaml");
        for (int c = 0; c < 2; c++) {
            for (int t = 0; t < 2; t++) {
                int[] out = new int[2];
                gate(ideal, c, t, false, out);
                assertEquals(c, out[0]);
                assertEquals(t ^ c, out[1], "CNOT|" + c + t + "⟩");
            }
        }
        assertEquals(1, gate(ideal, 0, 0, true, new int[2]), 1e-9);
    }

    /** Over a Werner pair of fidelity F the gate makes Φ+ from |+⟩|0⟩ with fidelity F: the prediction. */
    @Test
    void overAWernerPairTheBellStateHasThePairsFidelity() {
        PlatformSpec generic = TestNetworks.withDevice(NetworkConfig.fromResource("networks/two-nodes-generic.yaml"),
                Map.of("communicationT2", "inf", "communicationT1", "inf", "storageT1", "inf", "storageT2", "inf"));
        assertEquals(0.8, gate(generic, 0, 0, true, new int[2]), 1e-9);
    }
}
