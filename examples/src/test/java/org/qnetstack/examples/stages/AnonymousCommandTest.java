package org.qnetstack.examples.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qnetstack.examples.cli.Cli;

/** {@code anonymous} from the examples' command line. */
class AnonymousCommandTest {
    /** On the ideal star every bit arrives, as both predictions say, and each node's outcome is a fair coin. */
    @Test
    void idealThreeNodes() throws Exception {
        JsonNode r = StagesCommandTest.run("anonymous", "--seed", "3", "--config",
                "classpath:networks/three-nodes-ideal.yaml", "--count", "120", "--json");
        assertEquals(3, r.get("seed").asInt());
        assertEquals("[\"alice\",\"bob\",\"carol\"]", r.get("nodes").toString());
        assertEquals(120, r.get("rounds").asInt());
        assertEquals(120, r.get("delivered").get("events").asInt());
        assertEquals(1.0, r.get("delivered").get("estimate").asDouble());
        assertEquals(1.0, r.get("predictedFromPairs").asDouble(), 1e-12);
        assertEquals(1.0, r.get("predictedWithDeviceNoise").asDouble(), 1e-12);
        assertTrue(r.get("anonymityP").asDouble() > 1e-3, r.toString());
        double sigma = Math.sqrt(0.25 / 120);
        for (JsonNode ones : r.get("onesPerNode")) {
            assertEquals(0.5, ones.asDouble(), 4 * sigma, r.toString());
        }
        assertTrue(r.get("configuration").toString().contains("three-nodes-ideal"), r.toString());
    }

    /** The table names every figure. */
    @Test
    void table() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {"anonymous", "--config", "classpath:networks/three-nodes-ideal.yaml",
            "--count", "6"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
                new ByteArrayOutputStream()));
        assertEquals(0, status);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("== anonymous ==") && text.contains("predictedWithDeviceNoise")
                && text.contains("anonymityP"), text);
    }

    /** Two nodes cannot hide a sender: a configuration error naming the option. */
    @Test
    void twoNodesAreRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(new String[] {"anonymous", "--config", "classpath:networks/two-nodes-ideal.yaml"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--nodes"), err.toString(StandardCharsets.UTF_8));
    }
}
