package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.Teleport;
import org.qnetstack.hal.Basis;

/** The README's first program, as written there (printing replaced by collecting). */
class FirstProgramTest {
    @Test
    void readmeProgramRuns() {
        List<Integer> printed = new ArrayList<>();
        try (var net = SimulatedNetwork.fromResource("networks/two-nodes-nv.yaml", 42)) {
            net.run("alice", node -> {
                EprPair pair = node.eprSocket("bob").createKeep().block();
                Teleport.send(node, node.qubit().h(), pair);
            });
            net.run("bob", node -> {
                EprPair pair = node.eprSocket("alice").recvKeep().block();
                printed.add(Teleport.receive(node, pair).measure(Basis.X).block());
            });
            net.awaitCompletion();
            assertEquals(0, net.node("alice").qubitsInUse());
            assertEquals(0, net.node("bob").qubitsInUse());
        }
        assertEquals(1, printed.size());
    }
}
