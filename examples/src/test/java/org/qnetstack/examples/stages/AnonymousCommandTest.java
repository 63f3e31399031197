package org.qnetstack.examples.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /**
     * Noisy devices (generic links of F = 0.8, readout, gate and two-qubit gate errors, T2 = 20 ms against pairs
     * made in about a millisecond): the bit arrives at the rate the devices' parameters predict, within 4 standard
     * deviations of the binomial count, and well below the pairs' prediction.
     */
    @Test
    void noisyDevicesDeliverAtThePredictedRate(@TempDir Path dir) throws Exception {
        String device = "{ preset: generic, readoutError0: 0.04, readoutError1: 0.01, gateCommunicationError: 0.02, "
                + "twoQubitGateError: 0.03, communicationT1: 1s, communicationT2: 20ms }";
        Path config = dir.resolve("noisy-star.yaml");
        Files.writeString(config, "seed: 8\nnodes:\n"
                + "  - { name: hub, device: " + device + " }\n"
                + "  - { name: b, device: " + device + " }\n"
                + "  - { name: c, device: " + device + " }\n"
                + "links:\n  - { between: [hub, b], lengthKm: 1 }\n  - { between: [hub, c], lengthKm: 1 }\n");
        int rounds = 500;
        JsonNode r = StagesCommandTest.run("anonymous", "--config", config.toString(), "--count",
                String.valueOf(rounds), "--json");
        double predicted = r.get("predictedWithDeviceNoise").asDouble();
        double measured = r.get("delivered").get("estimate").asDouble();
        double sigma = Math.sqrt(predicted * (1 - predicted) / rounds);
        assertEquals(predicted, measured, 4 * sigma, r.toString());
        assertTrue(predicted < r.get("predictedFromPairs").asDouble() - 0.05, r.toString());
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
