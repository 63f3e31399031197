package org.qnetstack.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.qnetstack.api.BasisChoice;
import org.qnetstack.api.EprMeasurement;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.PlatformSpec;

/**
 * Alice measuring pairs with bob, deployed in this JVM (world service, two node hosts on their own threads
 * and TCP connections), so a test can attack it while it runs and then compare its results with the same
 * programs run in one process.
 */
final class LiveDeployment implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final PlatformSpec spec;
    final DeploymentSpec deployment;
    final List<EprMeasurement> alice = Collections.synchronizedList(new ArrayList<>());
    final List<EprMeasurement> bob = Collections.synchronizedList(new ArrayList<>());
    /** Pairs alice has measured so far: the sign that the run is under way. */
    final AtomicInteger progress = new AtomicInteger();
    final WorldService world;
    final NodeHost aliceHost;
    final NodeHost bobHost;
    private final int pairs;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<Future<NodeHost.Outcome>> runs = new ArrayList<>();

    /** Opens the world and both hosts (listening, not yet running). */
    LiveDeployment(Path file, int pairs, WorldService.Settings settings) {
        this.spec = NetworkConfig.load(file);
        this.deployment = NetworkConfig.deployment(file).orElseThrow();
        this.pairs = pairs;
        this.world = WorldService.start(spec, deployment, settings);
        NodeHost a = null;
        try {
            a = NodeHost.open(spec, deployment, "alice", creator(alice, progress, pairs));
            this.aliceHost = a;
            this.bobHost = NodeHost.open(spec, deployment, "bob", receiver(bob, pairs));
        } catch (RuntimeException e) {
            if (a != null) {
                a.close();
            }
            world.close();
            threads.shutdownNow();
            throw e;
        }
    }

    static NodeProgram creator(List<EprMeasurement> sink, AtomicInteger progress, int pairs) {
        return node -> sink.addAll(node.eprSocket("bob").phiPlus()
                .createMeasure(pairs, BasisChoice.randomXz(), BasisChoice.randomXz())
                .doOnNext(m -> progress.incrementAndGet())
                .collectList().block());
    }

    static NodeProgram receiver(List<EprMeasurement> sink, int pairs) {
        return node -> sink.addAll(node.eprSocket("alice").phiPlus().recvMeasure(pairs).collectList().block());
    }

    int port(String node) {
        return deployment.node(node).port();
    }

    int worldPort() {
        return deployment.world().port();
    }

    /** Runs both nodes on their threads; the world starts the run once both have joined. */
    void startNodes() {
        runs.add(threads.submit(aliceHost::run));
        runs.add(threads.submit(bobHost::run));
    }

    /** Waits until alice has measured a first pair: the run is under way. */
    void awaitUnderWay() {
        await("alice's first pair", () -> progress.get() > 0);
    }

    boolean ended() {
        return !runs.isEmpty() && runs.stream().allMatch(Future::isDone);
    }

    /** Waits for the end of the run and checks that both programs finished without failure. */
    WorldService.Outcome finish() throws InterruptedException, ExecutionException, TimeoutException {
        WorldService.Outcome outcome = world.awaitEnd();
        for (Future<NodeHost.Outcome> run : runs) {
            NodeHost.Outcome o = run.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNull(o.programFailure(), "program failure");
            assertEquals(0, o.taskFailures(), "tasks that failed on a node");
        }
        assertEquals(pairs, alice.size());
        assertEquals(pairs, bob.size());
        return outcome;
    }

    /** Alice's and bob's results when the same programs run in one process on the same network file. */
    List<List<EprMeasurement>> singleProcess() {
        List<EprMeasurement> a = new ArrayList<>();
        List<EprMeasurement> b = new ArrayList<>();
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run("alice", creator(a, new AtomicInteger(), pairs));
            net.run("bob", receiver(b, pairs));
            net.awaitCompletion();
        }
        return List.of(a, b);
    }

    /** Asserts that the deployed run gave alice and bob exactly what the single-process run gives them. */
    void assertSameAsSingleProcess() {
        List<List<EprMeasurement>> one = singleProcess();
        assertEquals(one.get(0), List.copyOf(alice), "alice's outcomes, ids and bases equal the single-process run's");
        assertEquals(one.get(1), List.copyOf(bob), "bob's too");
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT + " waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        try (world; aliceHost; bobHost) {
            threads.shutdownNow();
        }
    }
}
