package org.qnetstack.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.deploy.internal.Payloads;
import org.qnetstack.deploy.internal.WorldLink;
import org.qnetstack.deploy.internal.WorldMessages.AxisAnswer;
import org.qnetstack.deploy.internal.WorldMessages.DeviceCall;
import org.qnetstack.deploy.internal.WorldMessages.DeviceResult;
import org.qnetstack.deploy.internal.WorldMessages.Joined;
import org.qnetstack.deploy.internal.WorldMessages.Outgoing;
import org.qnetstack.deploy.internal.WorldMessages.Task;
import org.qnetstack.deploy.internal.WorldMessages.TaskDone;
import org.qnetstack.deploy.internal.WorldMessages.TaskKind;
import org.qnetstack.deploy.internal.WorldMessages.TimerSet;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.log.RateLimitedLog;

/**
 * A node with the right key whose process misbehaves: charlie, a node of the network file linked to bob, is
 * played by this test over the world protocol. What it asks of the world is well framed and
 * authenticated but hostile; the world refuses each such message, counts and logs it, answers charlie's
 * calls with an error, and runs alice and bob exactly as one process would.
 */
class HostileNodeTest {
    /** Alice and bob as in the two-node network, and charlie beyond bob (the stack needs a connected network). */
    private static final String NETWORK = """
            seed: 7
            nodes:
              - { name: alice,   device: generic }
              - { name: bob,     device: generic }
              - { name: charlie, device: generic }
            links:
              - { between: [alice, bob], lengthKm: 2, linkFidelity: 0.9 }
              - { between: [bob, charlie], lengthKm: 2, linkFidelity: 0.9 }
            """;
    private static final int PAIRS = 100;
    /** When charlie's timer fires: within the run, which takes about 0.1 s of simulated time. */
    private static final long FIRE_AT_NANOS = 30_000_000;
    private static final long TIMER = 1;

    @TempDir
    Path dir;

    /** What charlie says in one round, and how many of those messages the world must refuse. */
    private static final class Charlie {
        private final WorldLink link;
        private final String foreignLink;
        private final String foreignStation;
        private final List<String> refusedCalls = new ArrayList<>();
        private final List<Long> firedAt = new ArrayList<>();
        private int rounds;

        Charlie(WorldLink link, LinkSpec foreign) {
            this.link = link;
            this.foreignLink = foreign.name();
            this.foreignStation = foreign.station().name();
        }

        /** Serves the world's tasks until it ends the run, misbehaving at INIT and when its timer fires. */
        Charlie play() {
            link.send(new Joined("charlie", 1));
            while (true) {
                Object m = link.next();
                if (!(m instanceof Task task)) {
                    fail("the world sent charlie " + m + " between tasks");
                    return this;
                }
                switch (task.kind()) {
                    case INIT -> hostileRound(task.now());
                    case START -> link.send(new TimerSet(TIMER, FIRE_AT_NANOS));
                    case FIRE -> {
                        firedAt.add(task.now());
                        hostileRound(task.now());
                    }
                    default -> { }
                }
                link.send(new TaskDone(false, false, null));
                if (task.kind() == TaskKind.SHUTDOWN) {
                    return this;
                }
            }
        }

        private void hostileRound(long now) {
            rounds++;
            // Device calls the world must refuse, answering each with an error.
            call(new DeviceCall("selfDestruct", 0, 0, null, 0, 0, 0, 0));
            call(new DeviceCall(null, 0, 0, null, 0, 0, 0, 0));
            call(new DeviceCall("initialize", 1_000_000, 0, null, 0, 0, 0, 0));
            call(new DeviceCall("gate", 0, 0, "NO_SUCH_GATE", 0, 0, 0, 0));
            call(new DeviceCall("stopAt", 0, 0, null, 0, 0, 1, 42)); // a run it never started
            // Attempts on alice and bob's link, which is not charlie's: that would cut across bob's run.
            call(new DeviceCall("startAttempts", 0, 1, foreignLink, 0.1, 1, now, 0));
            call(new DeviceCall("emit", 0, 0, foreignLink, 0.1, 0, now, 0));
            // Messages the world must refuse without a word.
            link.send(new TimerSet(2, -1));
            link.send(new TimerSet(100 + rounds, 10_000_000_000L)); // accepted: beyond the end of the run
            link.send(new TimerSet(100 + rounds, 10_000_000_000L)); // the same timer set twice
            link.send(new Outgoing("nobody", "chat", "link.ok", "{}".getBytes(StandardCharsets.UTF_8)));
            // For the station of alice and bob's link: a type off the allow-list and JSON that is not its type's
            // (the world refuses both), then an attempt message with its names left out, which decodes, so the
            // world passes it on and the station itself must reject it.
            station("no.such.type", "{}");
            station("mhp.gen", "{\"link\":\"" + foreignLink + "\",\"slot\":\"soon\"}");
            station("mhp.gen", "{\"slot\":1,\"queueItem\":1}");
            link.send(new AxisAnswer(0, 0)); // nobody asked
            link.send(new Joined("alice", 7)); // an authenticated node claiming to be another
        }

        /** Messages per round the world's loop refuses: the seven calls and seven of the messages after them. */
        static final int REFUSED_PER_ROUND = 7 + 7;

        private void station(String type, String json) {
            link.send(new Outgoing(foreignStation, "mhp-station/" + foreignLink, type,
                    json.getBytes(StandardCharsets.UTF_8)));
        }

        private void call(DeviceCall c) {
            link.send(c);
            Object answer = link.next();
            if (!(answer instanceof DeviceResult r)) {
                fail("the world answered " + c + " with " + answer);
                return;
            }
            assertNotNull(r.error(), "the world must refuse " + c + " but answered " + r);
            refusedCalls.add(c.op() + ": " + r.error());
        }
    }

    @Test
    @Timeout(60)
    void hostileWorldMessagesFromAnAuthenticatedNodeAreRefusedCountedAndLoggedWhileTheWorldServes()
            throws Exception {
        Path file = Deployments.write(dir, NETWORK);
        ExecutorService charlieThread = Executors.newSingleThreadExecutor();
        WorldService.Outcome outcome;
        Charlie charlie;
        try (CapturedLog log = new CapturedLog("org.qnetstack.deploy", "org.qnetstack.physical");
             LiveDeployment run = new LiveDeployment(file, PAIRS, WorldService.Settings.DEFAULT);
             WorldLink link = new WorldLink("charlie", run.deployment, DeploymentKeys.worldKey(run.spec, run.deployment, "charlie"),
                     Payloads.all(), LiveDeployment.WAIT)) {
            Future<Charlie> played = charlieThread.submit(
                    () -> new Charlie(link, run.spec.links().get(0)).play());
            run.startNodes();
            outcome = run.finish();
            charlie = played.get(LiveDeployment.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            run.assertSameAsSingleProcess();
            // Refusals are logged one by one up to a burst a minute, the rest only counted (RateLimitedLog): the
            // burst is spent in charlie's second round unless that falls in the next minute.
            long logged = log.count("world: rejected a message from charlie");
            assertTrue(logged >= Math.min(outcome.malformed(), RateLimitedLog.DEFAULT_BURST)
                    && logged <= outcome.malformed(), "each refusal up to the burst is logged, naming charlie: "
                    + logged + " of " + outcome.malformed() + ": " + log.messages());
            assertEquals(0, log.count("world: rejected a message from alice"));
            assertEquals(0, log.count("world: rejected a message from bob"));
            assertTrue(log.count("world: rejected a message from charlie", "it joined as alice") >= 1);
            assertEquals(2, log.count(": rejected attempt message naming null on null from charlie"),
                    "the station rejects the attempt message with no names: " + log.messages());
            assertEquals(0, run.world.counters().authFailures() + run.world.counters().malformed(),
                    "charlie's messages were well framed and authenticated: the world's loop refused them");
        } finally {
            charlieThread.shutdownNow();
        }
        assertTrue(outcome.ok(), outcome.note());
        assertEquals(List.of(FIRE_AT_NANOS), charlie.firedAt, "charlie's timer fired once, mid-run");
        assertTrue(outcome.simulatedSeconds() * 1e9 > FIRE_AT_NANOS, "the run went on after charlie's second round");
        assertEquals(2, charlie.rounds);
        assertEquals(14, charlie.refusedCalls.size(), "each hostile call was answered, with an error: "
                + charlie.refusedCalls);
        assertEquals(2L * Charlie.REFUSED_PER_ROUND, outcome.malformed(), "refused messages: " + charlie.refusedCalls);
        assertEquals(0, outcome.nodeFailures(), "charlie was served throughout, never taken for down");
    }
}
