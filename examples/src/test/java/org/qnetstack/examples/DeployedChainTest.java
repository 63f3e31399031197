package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;

/**
 * The alice–repeater–bob chain with every node in its own JVM on loopback, plus the world service's JVM,
 * started from the examples' command line as a user would: the programs print what they print in one
 * process, and the network survives losing its repeater.
 */
class DeployedChainTest {
    /** Short links, so that the runs take seconds: the chain of {@code chain-generic.yaml} at 2 km. */
    private static final String NETWORK_RESOURCE = "networks/chain-generic.yaml";
    private static final long RUN_MILLIS = 120_000;

    @TempDir
    Path dir;
    private Path config;
    private Path log;
    private PlatformSpec spec;
    private final List<NodeProcess> processes = new ArrayList<>();

    @BeforeEach
    void writeNetwork() throws IOException {
        String network;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(NETWORK_RESOURCE)) {
            network = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("lengthKm: 10", "lengthKm: 2");
        }
        PlatformSpec parsed = NetworkConfig.parse(network);
        config = dir.resolve("chain.yaml");
        Files.writeString(config, network + "\n" + DeploymentSpec.onLoopback(parsed).toYaml());
        spec = NetworkConfig.load(config);
        log = dir.resolve("processes.log");
    }

    @org.junit.jupiter.api.AfterEach
    void stopAll() throws InterruptedException {
        for (NodeProcess p : processes) {
            p.close();
        }
    }

    private NodeProcess start(String name, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--config", config.toString()));
        NodeProcess p = NodeProcess.start(name, log, all.toArray(String[]::new));
        processes.add(p);
        return p;
    }

    /** The world and one process per node, each node running {@code program}; returns them, world first. */
    private List<NodeProcess> deploy(String program, int count, String... worldArgs) {
        List<String> world = new ArrayList<>(List.of("world"));
        world.addAll(Arrays.asList(worldArgs));
        List<NodeProcess> started = new ArrayList<>(List.of(start("world", world.toArray(String[]::new))));
        for (NodeSpec node : spec.nodes()) {
            started.add(start(node.name(), "node", "--node", node.name(), "--program", program, "--count",
                    Integer.toString(count)));
        }
        return started;
    }

    /** What the same programs print when the whole network runs in this process. */
    private List<String> singleProcess(String program, int count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            for (NodeSpec node : spec.nodes()) {
                NodeProgram p = NodePrograms.program(program, spec, node.name(), count, out);
                if (p != null) {
                    net.run(node.name(), p);
                }
            }
            net.awaitCompletion();
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().sorted().toList();
    }

    /** Runs the program deployed, and returns every node's output lines of the program, sorted. */
    private List<String> deployed(String program, int count) throws InterruptedException {
        List<NodeProcess> all = deploy(program, count);
        List<String> lines = new ArrayList<>();
        for (NodeProcess p : all) {
            assertEquals(0, p.awaitExit(RUN_MILLIS), () -> "exit status; output:\n" + p.output());
            lines.addAll(p.linesStartingWith(program + " "));
        }
        return lines.stream().sorted().toList();
    }

    @Test
    @Timeout(300)
    void qkdAcrossProcessesMakesTheSingleProcessKeys() throws InterruptedException {
        int pairs = 400;
        List<String> one = singleProcess("qkd", pairs);
        List<String> many = deployed("qkd", pairs);
        assertEquals(2, one.size(), one::toString);
        assertEquals(one, many, "the same sifted keys, QBER and key fingerprints at both ends");
        // The chain's QBER is (1 − w₁w₂)/2 = 6.4 % (chain-generic.yaml); 100 sample bits → σ ≈ 2.5 %.
        Matcher m = Pattern.compile("qber ([0-9.]+) on (\\d+) sample bits").matcher(many.get(0));
        assertTrue(m.find(), many.get(0));
        double qber = Double.parseDouble(m.group(1));
        int sample = Integer.parseInt(m.group(2));
        double sigma = Math.sqrt(0.064 * (1 - 0.064) / sample);
        assertEquals(0.064, qber, 4 * sigma, "QBER near the swap formula's");
        many.forEach(line -> assertTrue(line.endsWith("qubits in use 0"), line));
    }

    @Test
    @Timeout(300)
    void teleportAcrossProcessesGivesTheSingleProcessFidelity() throws InterruptedException {
        int trials = 100;
        List<String> one = singleProcess("teleport", trials);
        List<String> many = deployed("teleport", trials);
        assertEquals(one, many, "the same outcomes, so the same fidelity");
        String bob = many.stream().filter(l -> l.startsWith("teleport bob:")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("fidelity ([0-9.]+) ± ([0-9.]+)").matcher(bob);
        assertTrue(m.find(), bob);
        // (2F + 1)/3 at the swapped pair's F = 0.9033 is 0.936; 100 trials → σ ≈ 0.025, plus gate noise.
        assertEquals(0.936, Double.parseDouble(m.group(1)), 4 * Math.sqrt(0.936 * 0.064 / trials) + 0.02, bob);
    }

    @Test
    @Timeout(300)
    void losingTheRepeaterFailsRequestsTypedAndPairsFlowOnceItIsBack() throws InterruptedException {
        int afterFailure = 30;
        List<NodeProcess> all = deploy("pairs", afterFailure, "--node-timeout", "1");
        NodeProcess world = all.get(0);
        NodeProcess alice = all.get(1);
        NodeProcess repeater = all.get(2);
        NodeProcess bob = all.get(3);
        alice.awaitLine(l -> l.startsWith("pairs alice: 20 pairs"), RUN_MILLIS);

        long killed = System.nanoTime();
        repeater.kill();
        String aliceFailure = alice.awaitLine(l -> l.startsWith("pairs alice: failed"), RUN_MILLIS);
        String bobFailure = bob.awaitLine(l -> l.startsWith("pairs bob: failed"), RUN_MILLIS);
        double seconds = (System.nanoTime() - killed) / 1e9;
        // The world gives a silent node 1 s (--node-timeout), then the ends hear of it 10 ms of simulated time
        // later; the rest is process scheduling on a loaded machine.
        assertTrue(seconds < 15, "the ends noticed within " + seconds + " s");
        for (String failure : List.of(aliceFailure, bobFailure)) {
            assertTrue(failure.contains("failed UNREACHABLE") && failure.contains("repeater is down"), failure);
        }

        start("repeater", "node", "--node", "repeater");
        for (NodeProcess p : List.of(alice, bob, world)) {
            assertEquals(0, p.awaitExit(RUN_MILLIS), () -> "exit status; output:\n" + p.output());
        }
        for (NodeProcess end : List.of(alice, bob)) {
            end.linesStartingWith("pairs ").stream().filter(l -> l.contains("qubits in use"))
                    .forEach(l -> assertTrue(l.contains("qubits in use 0"), "every qubit freed: " + l));
        }
        int alicePairs = donePairs(alice, "alice");
        int bobPairs = donePairs(bob, "bob");
        assertTrue(alicePairs >= 20 + afterFailure, "pairs flowed again after the restart: " + alicePairs);
        // A pair whose delivery the crash cut in half may reach one end only.
        assertEquals(alicePairs, bobPairs, 1, "both ends count the same pairs");
        assertTrue(world.output().contains("1 node failures"), world.output());
    }

    private static int donePairs(NodeProcess p, String node) throws InterruptedException {
        Matcher m = Pattern.compile("pairs " + node + ": done, (\\d+) pairs, (\\d+) failures")
                .matcher(p.awaitLine(l -> l.startsWith("pairs " + node + ": done"), RUN_MILLIS));
        assertTrue(m.find());
        assertTrue(Integer.parseInt(m.group(2)) >= 1, "it saw the failure");
        return Integer.parseInt(m.group(1));
    }
}
