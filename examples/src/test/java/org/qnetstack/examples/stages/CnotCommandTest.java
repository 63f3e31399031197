package org.qnetstack.examples.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnot} from the examples' command line. */
class CnotCommandTest {
    /** On ideal devices the gate makes Φ+ exactly: every parity as Φ+'s, fidelity 1, as both predictions say. */
    @Test
    void idealThreeNodesChosenPair() throws Exception {
        JsonNode r = StagesCommandTest.run("cnot", "--seed", "3", "--config",
                "classpath:networks/three-nodes-ideal.yaml", "--nodes", "carol,alice", "--count", "60", "--json");
        assertEquals("carol", r.get("control").asText());
        assertEquals("alice", r.get("target").asText());
        assertEquals(60, r.get("rounds").asInt());
        for (String parity : new String[] {"zzAgree", "xxAgree", "yyDiffer"}) {
            assertEquals(20, r.get(parity).get("events").asInt(), parity);
            assertEquals(20, r.get(parity).get("trials").asInt(), parity);
        }
        assertEquals(1.0, r.get("bellFidelity").asDouble(), 1e-12);
        assertEquals(0.0, r.get("bellFidelityHalfWidth").asDouble(), 1e-12);
        assertEquals(1.0, r.get("predictedFromPairs").asDouble(), 1e-12);
        assertEquals(1.0, r.get("predictedWithDeviceNoise").asDouble(), 1e-12);
    }

    /**
     * Noisy devices (generic link of F = 0.8; readout, gate, preparation and two-qubit gate errors; the control and
     * target on storage qubits with their own noise; T2 of 20 and 50 ms): the estimated fidelity is within 4
     * standard errors (its 95% half-width / 1.96) of what the devices' parameters predict, and well below the pairs'.
     */
    @Test
    void noisyDevicesGiveThePredictedFidelity(@TempDir Path dir) throws Exception {
        String device = "{ preset: generic, communicationQubits: 1, readoutError0: 0.04, readoutError1: 0.01, "
                + "gateCommunicationError: 0.02, gateStorageError: 0.01, initStorageError: 0.02, twoQubitGateError: "
                + "0.03, communicationT1: 1s, communicationT2: 20ms, storageT1: 1s, storageT2: 50ms }";
        Path config = dir.resolve("noisy-pair.yaml");
        Files.writeString(config, "seed: 8\nnodes:\n  - { name: a, device: " + device + " }\n  - { name: b, device: "
                + device + " }\nlinks:\n  - { between: [a, b], lengthKm: 1 }\n");
        JsonNode r = StagesCommandTest.run("cnot", "--config", config.toString(), "--count", "600", "--json");
        double sigma = r.get("bellFidelityHalfWidth").asDouble() / 1.96;
        assertEquals(r.get("predictedWithDeviceNoise").asDouble(), r.get("bellFidelity").asDouble(), 4 * sigma,
                r.toString());
        assertTrue(r.get("predictedWithDeviceNoise").asDouble() < r.get("predictedFromPairs").asDouble() - 0.1,
                r.toString());
    }
}
