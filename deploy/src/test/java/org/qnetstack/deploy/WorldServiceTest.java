package org.qnetstack.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.api.BasisChoice;
import org.qnetstack.api.EprMeasurement;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.PlatformSpec;

/** The world service and node hosts in one JVM, each node on its own thread and TCP connection. */
class WorldServiceTest {
    @TempDir
    Path dir;

    private static NodeProgram creator(List<EprMeasurement> sink, int pairs) {
        return node -> sink.addAll(node.eprSocket("bob").phiPlus()
                .createMeasure(pairs, BasisChoice.randomXz(), BasisChoice.randomXz()).collectList().block());
    }

    private static NodeProgram receiver(List<EprMeasurement> sink, int pairs) {
        return node -> sink.addAll(node.eprSocket("alice").phiPlus().recvMeasure(pairs).collectList().block());
    }

    @Test
    @Timeout(120)
    void measureDirectlyAcrossProcessesGivesExactlyTheSingleProcessRun() throws Exception {
        int pairs = 200;
        Path file = Deployments.write(dir, Deployments.TWO_NODES);
        PlatformSpec spec = NetworkConfig.load(file);
        DeploymentSpec deployment = NetworkConfig.deployment(file).orElseThrow();

        List<EprMeasurement> alice = Collections.synchronizedList(new ArrayList<>());
        List<EprMeasurement> bob = Collections.synchronizedList(new ArrayList<>());
        WorldService.Outcome outcome;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (WorldService world = WorldService.start(spec, deployment, WorldService.Settings.DEFAULT);
             NodeHost a = NodeHost.open(spec, deployment, "alice", creator(alice, pairs));
             NodeHost b = NodeHost.open(spec, deployment, "bob", receiver(bob, pairs))) {
            Future<NodeHost.Outcome> fa = threads.submit(a::run);
            Future<NodeHost.Outcome> fb = threads.submit(b::run);
            outcome = world.awaitEnd();
            assertEquals(null, fa.get().programFailure());
            assertEquals(null, fb.get().programFailure());
        } finally {
            threads.shutdownNow();
        }
        assertTrue(outcome.ok(), outcome.note());

        List<EprMeasurement> aliceOne = new ArrayList<>();
        List<EprMeasurement> bobOne = new ArrayList<>();
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run("alice", creator(aliceOne, pairs));
            net.run("bob", receiver(bobOne, pairs));
            net.awaitCompletion();
        }
        assertEquals(pairs, alice.size());
        assertEquals(aliceOne, alice, "alice's outcomes, ids and bases equal the single-process run's");
        assertEquals(bobOne, bob, "bob's too");
    }
}
