package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void jsonHasTheFiguresInLowerCamelCase() throws IOException {
        assertEquals(0, run("--config", ExamplesAcceptanceTest.ideal(), "--json", "--count", "20"));
        String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(2, lines.length, "qkd then teleport");
        JsonNode qkd = new ObjectMapper().readTree(lines[0]);
        for (String field : new String[] {"pairs", "siftedBits", "qber", "qberLow", "qberHigh", "secretFraction",
                "keysIdentical", "simulatedSeconds", "wallSeconds"}) {
            assertTrue(qkd.has(field), field);
        }
        JsonNode teleport = new ObjectMapper().readTree(lines[1]);
        for (String field : new String[] {"trials", "meanFidelity", "pairFidelity", "predictedFidelity"}) {
            assertTrue(teleport.has(field), field);
        }
    }

    /** Every example takes --seed, --config and --json: the seed comes back in its JSON, the config's network runs. */
    @ParameterizedTest
    @CsvSource({"qkd, two-nodes-ideal, alice-bob", "teleport, two-nodes-ideal, alice-bob",
            "eavesdrop, two-nodes-ideal, alice-bob", "chsh, two-nodes-ideal, alice-bob",
            "ghz, three-nodes-ideal, 'alice,bob,carol'", "qkd, chain-generic, alice-repeater-bob",
            "teleport, chain-generic, alice-repeater-bob", "chsh, chain-generic, alice-repeater"})
    void everyExampleTakesSeedConfigAndJson(String command, String network, String where) throws IOException {
        String config = "classpath:networks/" + network + ".yaml";
        String[] args = command.equals("eavesdrop")
                ? new String[] {command, "--seed", "5", "--config", config, "--json", "--count", "20", "--runs", "1"}
                : new String[] {command, "--seed", "5", "--config", config, "--json", "--count", "20"};
        assertEquals(0, run(args), err.toString(StandardCharsets.UTF_8));
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).trim());
        assertEquals(5, json.get("seed").asLong());
        assertEquals(config, json.get("configuration").get("network").asText());
        assertEquals(5, json.get("configuration").get("seed").asLong());
        String field = switch (command) {
            case "ghz" -> "nodes";
            case "chsh" -> "link";
            default -> "path";
        };
        assertEquals(where, json.get(field).asText());
    }

    @Test
    void badArgumentsAndBadConfigurationsExitWithTwoAndSayWhy(@TempDir Path dir) throws IOException {
        assertEquals(2, run("--seed"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Missing required parameter for option '--seed'"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unmatched argument at index 0: 'frobnicate'"),
                err.toString(StandardCharsets.UTF_8));
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                nodes:
                  - { name: alice, device: nv-2022 }
                  - { name: bob, device: nv-2022 }
                links:
                  - { between: [alice, bob], lengthKm: -3 }
                """);
        assertEquals(2, run("qkd", "--config", bad.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("links[0].lengthKm"), err.toString(StandardCharsets.UTF_8));
    }
}
