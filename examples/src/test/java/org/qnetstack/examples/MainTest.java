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

    @Test
    void badArgumentsAndBadConfigurationsExitWithTwoAndSayWhy(@TempDir Path dir) throws IOException {
        assertEquals(2, run("--seed"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--seed needs a value"));
        assertEquals(2, run("frobnicate"));
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
