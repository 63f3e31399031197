package org.qnetstack.examples.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

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
}
