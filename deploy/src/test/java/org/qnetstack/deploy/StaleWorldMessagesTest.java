package org.qnetstack.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.deploy.internal.Payloads;
import org.qnetstack.deploy.internal.WorldMessages;
import org.qnetstack.deploy.internal.WorldMessages.AxisQuery;
import org.qnetstack.deploy.internal.WorldMessages.Joined;
import org.qnetstack.deploy.internal.WorldMessages.Task;
import org.qnetstack.deploy.internal.WorldMessages.TaskDone;
import org.qnetstack.deploy.internal.WorldMessages.TaskKind;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.tcp.TcpClassicalNetwork;
import org.qnetstack.tcp.TcpNodeConfig;
import org.qnetstack.tcp.TcpPeer;

/**
 * What the world said to a node's process that died can reach the node's next process: the TCP layer keeps what
 * it could not send and hands it over as soon as the node's address answers again, before anything the world
 * says to the new process. The new process must neither run nor answer it: its TASK-DONE would be taken for that
 * of the task the world then waits for (INIT), and every later task of the node would be answered one behind
 * (the failure seen when a deployed repeater was restarted: its device calls came a task late, its runs "in a
 * past slot", and no pair crossed it again). This test plays the world for a real node host.
 */
class StaleWorldMessagesTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void tasksAndQueriesMeantForAnEarlierProcessOfTheNodeAreNeitherRunNorAnswered() throws Exception {
        Path file = Deployments.write(dir, Deployments.TWO_NODES);
        PlatformSpec spec = NetworkConfig.load(file);
        DeploymentSpec deployment = NetworkConfig.deployment(file).orElseThrow();
        DeploymentSpec.Endpoint alice = deployment.node("alice");
        TcpClassicalNetwork world = TcpClassicalNetwork.start(new TcpNodeConfig(WorldMessages.WORLD,
                deployment.world().host(), deployment.world().port(), Map.of("alice", new TcpPeer(alice.host(),
                alice.port(), DeploymentKeys.worldKey(spec, deployment, "alice"), 0)), Payloads.MAX_FRAME_BYTES,
                Duration.ofMillis(20), Duration.ofMillis(500), Duration.ofSeconds(5), 1000), Payloads.all(),
                Runnable::run);
        BlockingQueue<Object> fromAlice = new LinkedBlockingQueue<>();
        world.register(WorldMessages.WORLD, WorldMessages.PROTOCOL, e -> fromAlice.add(e.payload()));
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (world; NodeHost host = NodeHost.open(spec, deployment, "alice", null)) {
            Future<NodeHost.Outcome> run = thread.submit(host::run);
            Joined joined = (Joined) next(fromAlice);
            long earlier = joined.incarnation() + 1;
            // What the world had queued for alice's dead process: a message to deliver, an axis to answer.
            say(world, new Task(earlier, TaskKind.DELIVER, 5_000, 0, "bob", "link/alice-bob", "nothing", new byte[0],
                    null));
            say(world, new AxisQuery(earlier, 1, 1));
            say(world, new Task(joined.incarnation(), TaskKind.INIT, 10_000, 0, null, null, null, null, null));
            List<Object> untilInitDone = untilTaskDone(fromAlice);
            say(world, new Task(joined.incarnation(), TaskKind.SHUTDOWN, 20_000, 0, null, null, null, null, "over"));
            List<Object> untilShutdownDone = untilTaskDone(fromAlice);

            NodeHost.Outcome outcome = run.get(10, TimeUnit.SECONDS);
            assertEquals(2, outcome.tasks(), "alice ran INIT and SHUTDOWN only");
            assertEquals(0, outcome.taskFailures());
            assertTrue(untilInitDone.stream().noneMatch(m -> m instanceof WorldMessages.AxisAnswer),
                    "no answer to the stale query: " + untilInitDone);
            // Had the stale DELIVER been answered, its TASK-DONE would have come first, with nothing before it.
            assertTrue(untilInitDone.size() > 1, "the first TASK-DONE follows the stack's building (listening on "
                    + "its protocols): " + untilInitDone);
            assertNotNull(untilShutdownDone);
            assertTrue(fromAlice.poll(200, TimeUnit.MILLISECONDS) == null, "nothing after the last TASK-DONE");
        } finally {
            thread.shutdownNow();
        }
    }

    private static void say(TcpClassicalNetwork world, Object message) {
        world.send(WorldMessages.WORLD, "alice", WorldMessages.PROTOCOL, message);
    }

    private static Object next(BlockingQueue<Object> from) throws InterruptedException {
        Object m = from.poll(10, TimeUnit.SECONDS);
        assertNotNull(m, "alice said nothing within 10 s");
        return m;
    }

    /** What alice says up to and including its next TASK-DONE. */
    private static List<Object> untilTaskDone(BlockingQueue<Object> from) throws InterruptedException {
        List<Object> said = new ArrayList<>();
        while (said.isEmpty() || !(said.get(said.size() - 1) instanceof TaskDone)) {
            said.add(next(from));
        }
        return said;
    }
}
