package org.qnetstack.api.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qnetstack.api.InvalidConfigurationException;

class NetworkConfigErrorsTest {
    private static final String TWO_NODES = "nodes: [{ name: alice, device: nv }, { name: bob, device: nv }]\n";
    private static final String THREE_NODES =
            "nodes: [{ name: alice, device: nv }, { name: bob, device: nv }, { name: carol, device: nv }]\n";
    private static final String BAD_NAME = "must be a non-empty name of letters, digits, '_', '.' or '-'";
    private static final String BAD_DETECTORS =
            "expected 'sim' or an absolute driver URI such as serial:/dev/ttyV0?baud=115200";

    /** Two nodes and one link between them with the given fields. */
    private static String link(String fields) {
        return TWO_NODES + "links: [{ between: [alice, bob], " + fields + " }]\n";
    }

    private static String node(String fields) {
        return "nodes: [{ name: alice, " + fields + " }]\n";
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                // the document
                rejected("", "", "the document is empty"),
                rejected("[1, 2]", "", "expected a map (was a list [1,2])"),
                rejected(TWO_NODES + "nodez: []", "nodez", "unknown field (known: seed, nodes, links, options, deployment)"),
                // seed
                rejected("seed: 4.2\n" + TWO_NODES, "seed", "expected an integer (was 4.2)"),
                rejected("seed: forty-two\n" + TWO_NODES, "seed", "expected an integer (was 'forty-two')"),
                rejected("seed: 12345678901234567890\n" + TWO_NODES, "seed",
                        "must fit in 64 bits (was 12345678901234567890)"),
                // nodes
                rejected("seed: 1", "nodes", "required field is missing"),
                rejected("nodes: []", "nodes", "must list at least one node (was a list [])"),
                rejected("nodes: { alice: nv }", "nodes", "expected a list (was a map {\"alice\":\"nv\"})"),
                rejected("nodes: [alice]", "nodes[0]", "expected a map (was 'alice')"),
                rejected(node("device: nv, qubitz: 3"), "nodes[0].qubitz",
                        "unknown field (known: name, device, qubits)"),
                rejected("nodes: [{ name: alice, device: nv }, { device: nv }]", "nodes[1].name",
                        "required field is missing"),
                rejected("nodes: [{ name: '', device: nv }]", "nodes[0].name", BAD_NAME + " (was '')"),
                rejected("nodes: [{ name: al ice, device: nv }]", "nodes[0].name", BAD_NAME + " (was 'al ice')"),
                rejected("nodes: [{ name: 7, device: nv }]", "nodes[0].name", "expected a string (was 7)"),
                rejected("nodes: [{ name: alice, device: nv }, { name: alice, device: nv }]", "nodes[1].name",
                        "duplicate node name 'alice' (also nodes[0])"),
                rejected(node("qubits: 3"), "nodes[0].device", "required field is missing"),
                rejected(node("device: 42"), "nodes[0].device",
                        "expected a preset name or a map with a preset and overrides (was 42)"),
                rejected(node("device: { electronT2: 1s }"), "nodes[0].device.preset", "required field is missing"),
                rejected(node("device: { preset: nv, electronT2: [1, s] }"), "nodes[0].device.electronT2",
                        "expected a number or a string (was a list [1,\"s\"])"),
                rejected(node("device: nv, qubits: 0"), "nodes[0].qubits", "must be ≥ 1 (was 0)"),
                rejected(node("device: nv, qubits: 2.5"), "nodes[0].qubits", "expected an integer (was 2.5)"),
                rejected(node("device: nv, qubits: 3000000000"), "nodes[0].qubits",
                        "must be ≤ 64 (was 3000000000)"),
                // the OutOfMemoryError of issue 15: the simulator allocated 2³¹ qubits
                rejected(node("device: nv, qubits: 2147483647"), "nodes[0].qubits",
                        "must be ≤ 64 (was 2147483647)"),
                // links
                rejected(TWO_NODES + "links: { between: [alice, bob] }", "links",
                        "expected a list (was a map {\"between\":[\"alice\",\"bob\"]})"),
                rejected(TWO_NODES + "links: [alice-bob]", "links[0]", "expected a map (was 'alice-bob')"),
                rejected(TWO_NODES + "links: [{ lengthKm: 1 }]", "links[0].between", "required field is missing"),
                rejected(TWO_NODES + "links: [{ between: alice, lengthKm: 1 }]", "links[0].between",
                        "expected a list (was 'alice')"),
                rejected(TWO_NODES + "links: [{ between: [alice], lengthKm: 1 }]", "links[0].between",
                        "must name exactly two nodes (was a list [\"alice\"])"),
                rejected(TWO_NODES + "links: [{ between: [alice, carol], lengthKm: 1 }]", "links[0].between[1]",
                        "unknown node 'carol' (declared: alice, bob)"),
                rejected(TWO_NODES + "links: [{ between: [1, bob], lengthKm: 1 }]", "links[0].between[0]",
                        "expected a string (was 1)"),
                rejected(TWO_NODES + "links: [{ between: [alice, alice], lengthKm: 1 }]", "links[0].between[1]",
                        "a link needs two different nodes (was 'alice' at both ends)"),
                rejected(TWO_NODES + "links: [{ between: [alice, bob], lengthKm: 1 }, "
                                + "{ between: [bob, alice], lengthKm: 2 }]", "links[1].between",
                        "links[0] already links 'bob' and 'alice'; "
                                + "several links between the same two nodes are not supported yet"),
                rejected(THREE_NODES + "links: [{ between: [alice, bob], name: l, lengthKm: 1 }, "
                                + "{ between: [bob, carol], name: l, lengthKm: 1 }]",
                        "links[1].name", "duplicate link name 'l' (also links[0])"),
                rejected(link("name: a/b, lengthKm: 1"), "links[0].name", BAD_NAME + " (was 'a/b')"),
                rejected(link("scheme: single-click"), "links[0].lengthKm", "required field is missing"),
                rejected(link("lengthKm: -3"), "links[0].lengthKm", "must be ≥ 0 (was -3)"),
                rejected(link("lengthKm: ten"), "links[0].lengthKm", "expected a number (was 'ten')"),
                rejected(link("lengthKm: '10'"), "links[0].lengthKm", "expected a number (was '10')"),
                rejected(link("lengthKm: 1e400"), "links[0].lengthKm", "must be finite (was Infinity)"),
                // issue 15: a finite but huge length overflowed into a negative delay at run time
                rejected(link("lengthKm: 1e308"), "links[0].lengthKm",
                        "must be ≤ 40000 km, the Earth's circumference (was 1.0E308)"),
                rejected(link("lengthKm: 40000.5"), "links[0].lengthKm",
                        "must be ≤ 40000 km, the Earth's circumference (was 40000.5)"),
                // connectivity: classical messages follow the links
                rejected(TWO_NODES, "links", "no path from 'alice' (nodes[0]) to 'bob' (nodes[1]): every two nodes "
                        + "must be joined by a chain of links (alice reaches alice); add a link"),
                rejected(THREE_NODES + "links: [{ between: [alice, bob], lengthKm: 1 }]", "links",
                        "no path from 'alice' (nodes[0]) to 'carol' (nodes[2]): every two nodes "
                                + "must be joined by a chain of links (alice reaches alice, bob); add a link"),
                rejected("nodes: [{ name: a, device: nv }, { name: b, device: nv }, { name: c, device: nv }, "
                                + "{ name: d, device: nv }]\nlinks: [{ between: [a, b], lengthKm: 1 }, "
                                + "{ between: [c, d], lengthKm: 1 }]", "links",
                        "no path from 'a' (nodes[0]) to 'c' (nodes[2]): every two nodes "
                                + "must be joined by a chain of links (a reaches a, b); add a link"),
                rejected(link("lengthKm: 1, scheme: quantum-dot"), "links[0].scheme",
                        "unknown heralding scheme 'quantum-dot' (known: single-click, double-click, midpoint-source, source-node)"),
                rejected(link("lengthKm: 1, visibility: true"), "links[0].visibility",
                        "expected a number or a string (was true)"),
                // stations
                rejected(link("lengthKm: 1, station: sim"), "links[0].station", "expected a map (was 'sim')"),
                rejected(link("lengthKm: 1, station: { detector: sim }"), "links[0].station.detector",
                        "unknown field (known: name, detectors)"),
                rejected(link("lengthKm: 1, station: { name: alice }"), "links[0].station.name",
                        "station name 'alice' is already the name of a node (nodes[0])"),
                rejected(THREE_NODES + "links: [{ between: [alice, bob], lengthKm: 1, station: { name: st } }, "
                                + "{ between: [bob, carol], lengthKm: 1, station: { name: st } }]",
                        "links[1].station.name", "duplicate station name 'st' (also links[0].station)"),
                rejected(THREE_NODES + "links: [{ between: [alice, bob], lengthKm: 1, "
                                + "station: { name: bob-carol-station } }, { between: [bob, carol], lengthKm: 1 }]",
                        "links[1].station.name", "duplicate station name 'bob-carol-station' (also links[0].station)"),
                rejected(link("lengthKm: 1, station: { detectors: ttyV0 }"), "links[0].station.detectors",
                        BAD_DETECTORS + " (was 'ttyV0')"),
                rejected(link("lengthKm: 1, station: { detectors: 'serial:/dev/tty V0' }"),
                        "links[0].station.detectors",
                        BAD_DETECTORS + " (was 'serial:/dev/tty V0')"));
    }

    private static Arguments rejected(String document, String path, String reason) {
        return Arguments.of(path, reason, document);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidDocuments")
    void rejectsWithThePathAndTheReason(String path, String reason, String document) {
        assertRejected(() -> NetworkConfig.parse(document), path, reason);
    }

    @Test
    void messageIsThePathAndTheReason() {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> NetworkConfig.parse(link("lengthKm: -3")));

        assertEquals("links[0].lengthKm: must be ≥ 0 (was -3)", e.getMessage());
    }

    @Test
    void reportsYamlSyntaxErrorsWithLineAndColumn() {
        assertRejected(() -> NetworkConfig.parse("""
                        nodes:
                          - name: alice
                            device: nv
                              qubits: 3
                        """), "nodes[0].device",
                "invalid YAML at line 4, column 13: mapping values are not allowed here");
        assertRejected(() -> NetworkConfig.parse("nodes: [{ name: alice, device: nv }\n"), "nodes[0]",
                "invalid YAML at line 2, column 1: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence at line 1, column 8)");
    }

    @Test
    void rejectsDuplicateKeys() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> NetworkConfig.parse("nodes: [{ name: alice, name: bob, device: nv }]"));

        assertAll(() -> assertEquals("nodes[0].name", e.path()),
                () -> assertTrue(e.reason().startsWith("invalid YAML at line 1, column"), e.reason()),
                () -> assertTrue(e.reason().contains("'name'"), e.reason()));
    }

    @Test
    void rejectsASecondDocument() {
        assertRejected(() -> NetworkConfig.parse(TWO_NODES + "---\nseed: 1\n"), "",
                "expected one YAML document, found another at line 3, column 1");
    }

    @Test
    void reportsJsonSyntaxErrorsWithLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("net.json"), "{\"nodes\": [\n  {\"name\": \"alice\",}\n]}");

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> NetworkConfig.load(file));

        assertAll(() -> assertEquals("nodes[0].name", e.path()),
                () -> assertTrue(e.reason().startsWith("invalid JSON at line 2, column 20: "), e.reason()));
    }

    @Test
    void reportsAMissingFile(@TempDir Path dir) {
        Path file = dir.resolve("nowhere.yaml");

        assertRejected(() -> NetworkConfig.load(file), "", "file not found: " + file);
    }

    @Test
    void reportsAMissingResource() {
        assertRejected(() -> NetworkConfig.fromResource("networks/nowhere.yaml"), "",
                "no resource 'networks/nowhere.yaml' on the class path");
    }

    @Test
    void acceptsTheLongestLinkAndTheMostQubits() {
        var spec = NetworkConfig.parse("nodes: [{ name: alice, device: nv, qubits: 64 }, { name: bob, device: nv }]\n"
                + "links: [{ between: [alice, bob], lengthKm: 40000 }]\n");

        assertAll(() -> assertEquals(64, spec.nodes().get(0).qubits()),
                () -> assertEquals(40_000, spec.links().get(0).lengthKm()));
    }

    @Test
    void acceptsNodesJoinedThroughOthers() {
        var spec = NetworkConfig.parse(THREE_NODES + "links: [{ between: [bob, carol], lengthKm: 1 }, "
                + "{ between: [carol, alice], lengthKm: 1 }]\n");

        assertEquals(2, spec.links().size());
    }

    // ---- sizes: refused before parsing costs time or memory (issue 15: an 8 MiB value took 15 s)

    @Test
    @Timeout(10) // a hang guard, far above the milliseconds this takes
    void refusesAHugeValueBeforeParsingIt(@TempDir Path dir) throws IOException {
        String huge = "x".repeat(8 << 20);
        Path file = Files.writeString(dir.resolve("huge.yaml"), "nodes: [{ name: " + huge + ", device: nv }]\n");

        assertRejected(() -> NetworkConfig.load(file), "", file + " is too large: a network document must be at most "
                + NetworkConfig.MAX_DOCUMENT_BYTES + " bytes (was more bytes)");
        assertRejected(() -> NetworkConfig.parse("nodes: [{ name: " + huge + ", device: nv }]"), "",
                "the text is too large: a network document must be at most " + NetworkConfig.MAX_DOCUMENT_BYTES
                        + " bytes (was " + (huge.length() + 31) + " characters)");
    }

    @Test
    @Timeout(10)
    void refusesALongYamlLineBeforeParsingIt() {
        // Within the document's limit, but SnakeYAML would take tens of seconds over one line of 1 MB.
        String value = "x".repeat(1_000_000);

        assertRejected(() -> NetworkConfig.parse("seed: 1\nnodes: [{ name: " + value + ", device: nv }]\n"), "",
                "line 2 is longer than 16384 bytes (was 1000031): break it up (YAML's block style) or write JSON");
    }

    @Test
    @Timeout(10)
    void refusesALongJsonValueNamingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("net.json"),
                "{\"nodes\": [{\"name\": \"" + "x".repeat(1_000_000) + "\", \"device\": \"nv\"}]}");

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> NetworkConfig.load(file));

        assertAll(() -> assertEquals("nodes[0].name", e.path()),
                () -> assertTrue(e.reason().contains("exceeds the maximum allowed (4096"),
                        e.reason()));
    }

    @Test
    @Timeout(10)
    void refusesAValueLongerThanTheLimitNamingIt() {
        String longName = "x".repeat(NetworkConfig.MAX_VALUE_CHARS + 1);

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> NetworkConfig.parse(TWO_NODES + "links: [{ between: [alice, bob], lengthKm: 1, name: " + longName
                        + " }]"));

        assertAll(() -> assertEquals("links[0].name", e.path()),
                () -> assertEquals("must be at most 4096 characters (was 4097)", e.reason()));
    }

    @Test
    void refusesALongNumberNamingIt() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> NetworkConfig.parse(link("lengthKm: 1." + "0".repeat(200))));

        assertAll(() -> assertEquals("links[0].lengthKm", e.path()),
                () -> assertTrue(e.reason().contains("Number value length"), e.reason()));
    }

    @Test
    void refusesDeepNesting() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> NetworkConfig.parse("seed: " + "[".repeat(100) + "]".repeat(100)));

        assertAll(() -> assertTrue(e.path().startsWith("seed"), e.path()),
                () -> assertTrue(e.reason().startsWith("invalid YAML"), e.reason()));
    }

    @Test
    void doesNotExpandYamlAliases() {
        // Jackson reads an alias as its anchor's name, so an alias bomb cannot grow: it is refused as a bad value.
        assertRejected(() -> NetworkConfig.parse("""
                nodes:
                  - &a { name: alice, device: nv }
                  - *a
                """), "nodes[1]", "expected a map (was 'a')");
    }

    private static void assertRejected(Executable load, String path, String reason) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, load);
        assertAll(() -> assertEquals(path, e.path(), "path"), () -> assertEquals(reason, e.reason(), "reason"));
    }
}
