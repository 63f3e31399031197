package org.qnetstack.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;

class NetworkConfigTest {
    private static final NodeSpec ALICE = new NodeSpec("alice", "nv-2022", Map.of(), 3);
    private static final NodeSpec BOB = new NodeSpec("bob", "nv-2022", Map.of("electronT2", "1.0s"), 0);

    /** What config/two-nodes.yaml and config/two-nodes.json describe. */
    private static final PlatformSpec SAMPLE = new PlatformSpec(42, List.of(ALICE, BOB), List.of(
            new LinkSpec("alice-bob", "alice", "bob", 10, HeraldingScheme.SINGLE_CLICK,
                    new StationSpec("midpoint", StationSpec.SIMULATED_DETECTORS), Map.of("attenuationDbPerKm", 0.2))));

    @Test
    void readsTheExampleOfTheApiSketch() {
        PlatformSpec spec = NetworkConfig.parse("""
                seed: 42
                nodes:
                  - { name: alice, device: nv-2022, qubits: 3 }
                  - { name: bob,   device: { preset: nv-2022, electronT2: 1.0s } }
                links:
                  - { between: [alice, bob], lengthKm: 10, scheme: single-click, station: { detectors: sim } }
                """);

        assertEquals(new PlatformSpec(42, List.of(ALICE, BOB), List.of(
                new LinkSpec("alice-bob", "alice", "bob", 10, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("alice-bob-station", StationSpec.SIMULATED_DETECTORS), Map.of()))), spec);
    }

    @Test
    void fillsInDefaults() {
        PlatformSpec spec = NetworkConfig.parse("""
                nodes: [{ name: a, device: nv-2022 }, { name: b, device: nv-2022 }]
                links: [{ between: [b, a], lengthKm: 0 }]
                """);

        assertEquals(new PlatformSpec(0, List.of(NodeSpec.of("a", "nv-2022"), NodeSpec.of("b", "nv-2022")), List.of(
                new LinkSpec("b-a", "b", "a", 0, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("b-a-station", StationSpec.SIMULATED_DETECTORS), Map.of()))), spec);
    }

    @Test
    void readsEveryLinkFieldAndKeepsTheOthersAsOverrides() {
        PlatformSpec spec = NetworkConfig.parse("""
                nodes: [{ name: a, device: nv-2022 }, { name: b, device: nv-2022 }]
                links:
                  - between: [a, b]
                    name: fibre-1
                    lengthKm: 2.5
                    scheme: single-click
                    station: { name: st1, detectors: "serial:/dev/ttyV0?baud=115200" }
                    attenuationDbPerKm: 0.2
                    visibility: 0.9
                    alpha: 1
                    cycleTime: 3.7us
                """);

        assertEquals(new LinkSpec("fibre-1", "a", "b", 2.5, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("st1", URI.create("serial:/dev/ttyV0?baud=115200")),
                        Map.of("attenuationDbPerKm", 0.2, "visibility", 0.9, "alpha", 1, "cycleTime", "3.7us")),
                spec.links().get(0));
    }

    @Test
    void takesNullAsAbsent() {
        PlatformSpec spec = NetworkConfig.parse("""
                seed:
                nodes: [{ name: a, device: nv-2022, qubits: ~ }]
                links:
                """);

        assertEquals(new PlatformSpec(0, List.of(NodeSpec.of("a", "nv-2022")), List.of()), spec);
    }

    @Test
    void readsTheSampleResource() {
        assertEquals(SAMPLE, NetworkConfig.fromResource("config/two-nodes.yaml"));
        assertEquals(SAMPLE, NetworkConfig.fromResource("/config/two-nodes.yaml"));
    }

    @Test
    void readsJson() throws IOException {
        assertEquals(SAMPLE, NetworkConfig.fromResource("config/two-nodes.json"));
        String json = resourceText("config/two-nodes.json");
        assertEquals(SAMPLE, NetworkConfig.parse(json));
    }

    @Test
    void loadsFiles(@TempDir Path dir) throws IOException {
        for (String name : List.of("two-nodes.yaml", "two-nodes.json")) {
            Path file = Files.writeString(dir.resolve(name), resourceText("config/" + name));
            assertEquals(SAMPLE, NetworkConfig.load(file), name);
        }
    }

    @Test
    void looksForResourcesWithTheContextClassLoaderFirst(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("networks"));
        Files.writeString(dir.resolve("networks/only-here.yaml"), "nodes: [{ name: solo, device: nv-2022 }]");
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            thread.setContextClassLoader(loader);
            assertEquals(List.of(NodeSpec.of("solo", "nv-2022")),
                    NetworkConfig.fromResource("networks/only-here.yaml").nodes());
            assertEquals(SAMPLE, NetworkConfig.fromResource("config/two-nodes.yaml"),
                    "falls back to the class's loader");
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void replacesTheSeed() {
        PlatformSpec reseeded = NetworkConfig.withSeed(SAMPLE, 7);

        assertEquals(new PlatformSpec(7, SAMPLE.nodes(), SAMPLE.links()), reseeded);
    }

    private static String resourceText(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(NetworkConfigTest.class.getResourceAsStream("/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
