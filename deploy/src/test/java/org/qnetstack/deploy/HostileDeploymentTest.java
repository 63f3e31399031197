package org.qnetstack.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.deploy.LiveDeployment.await;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.deploy.internal.Payloads;
import org.qnetstack.deploy.internal.WorldMessages;
import org.qnetstack.tcp.TcpClassicalNetwork;
import org.qnetstack.tcp.TcpCounters;
import org.qnetstack.tcp.TcpNodeConfig;
import org.qnetstack.tcp.TcpPeer;

/**
 * A deployment under attack from outside: strangers with the wrong credentials and sockets writing malformed
 * or oversized frames, at the world's port and the nodes' ports, before and while the network runs. They are
 * refused, counted and logged, and the run ends exactly as it does in one process.
 */
class HostileDeploymentTest {
    private static final int PAIRS = 100;
    /**
     * 100 pairs take about 0.1 s of simulated time: at 0.05 simulated seconds per second the run lasts about
     * 2 s of wall time at least, however fast the machine, so the attacks land while it is under way.
     */
    private static final WorldService.Settings PACED = WorldService.Settings.DEFAULT.withPace(0.05);

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void strangersWithWrongKeysAreRefusedCountedAndLoggedAndTheRunIsUnchanged() throws Exception {
        Path file = Deployments.write(dir, Deployments.TWO_NODES);
        WorldService.Outcome outcome;
        TcpCounters world;
        TcpCounters alice;
        List<TcpClassicalNetwork> strangers = new ArrayList<>();
        try (CapturedLog log = new CapturedLog("org.qnetstack.tcp");
             LiveDeployment run = new LiveDeployment(file, PAIRS, PACED)) {
            run.startNodes();
            run.awaitUnderWay();
            // Posing as alice with bob's key (a real key, but not alice's), as an unknown node, and as the world.
            byte[] bobsKey = DeploymentKeys.worldKey(run.spec, run.deployment, "bob");
            TcpClassicalNetwork fakeAlice = stranger(strangers, "alice", "world", run.worldPort(), bobsKey);
            TcpClassicalNetwork mallory = stranger(strangers, "mallory", "world", run.worldPort(),
                    "a key nobody in this network has".getBytes(StandardCharsets.US_ASCII));
            TcpClassicalNetwork fakeWorld = stranger(strangers, "world", "alice", run.port("alice"), bobsKey);
            fakeAlice.send("alice", "world", WorldMessages.PROTOCOL, new WorldMessages.Joined("alice", 666));
            fakeAlice.send("alice", "world", WorldMessages.PROTOCOL,
                    new WorldMessages.TaskDone(true, true, "forged: alice's program failed"));
            mallory.send("mallory", "world", WorldMessages.PROTOCOL, new WorldMessages.Joined("mallory", 1));
            fakeWorld.send("world", "alice", WorldMessages.PROTOCOL, new WorldMessages.Task(0,
                    WorldMessages.TaskKind.SHUTDOWN, 0, 0, null, null, null, null, "forged shutdown"));
            await("the world refusing both strangers and alice refusing the false world", () ->
                    log.count("world: closing connection", "node 'alice' failed to prove the pre-shared key") > 0
                    && log.count("world: closing connection", "HELLO from unknown node 'mallory'") > 0
                    && log.count("alice: closing connection", "node 'world' failed to prove the pre-shared key") > 0);
            assertFalse(run.ended(), "the attack must land while the run is under way (slow the pace if not)");
            // A stranger learns of its refusal when the far end's close reaches it, a moment after the far end
            // logs it: wait for that before closing them (closing first raced it, and failed under load).
            await("every stranger seeing its handshake refused", () ->
                    strangers.stream().allMatch(s -> s.counters().authFailures() > 0));
            strangers.forEach(TcpClassicalNetwork::close);
            for (TcpClassicalNetwork s : strangers) {
                TcpCounters c = s.counters();
                assertEquals(0, c.connections(), s.node() + " never got a connection through");
                assertEquals(0, c.sent(), s.node() + " never got a frame through");
                assertTrue(c.authFailures() > 0, s.node() + " saw its handshakes fail");
            }
            outcome = run.finish();
            world = run.world.counters();
            alice = run.aliceHost.counters();
            // Every refusal is counted once and logged once; nothing else was refused.
            assertEquals(log.count("world: closing connection"), world.authFailures());
            assertEquals(log.count("alice: closing connection"), alice.authFailures());
            assertEquals(0, run.bobHost.counters().authFailures());
            run.assertSameAsSingleProcess();
        } finally {
            strangers.forEach(TcpClassicalNetwork::close);
        }
        assertTrue(outcome.ok(), outcome.note());
        assertEquals(0, outcome.malformed(), "nothing the strangers sent reached the world's loop");
        assertEquals(0, outcome.nodeFailures(), "no legitimate node was taken for down");
        for (TcpCounters c : List.of(world, alice)) {
            assertEquals(0, c.malformed() + c.oversized() + c.integrityFailures());
            assertTrue(c.received() > 0, "the legitimate connection carried the run");
        }
    }

    /** The frames a stranger writes in one round of attack, each on its own connection. */
    private static final List<byte[]> REFUSED_AS_OVERSIZED = List.of(
            "GET / HTTP/1.1\r\nHost: world\r\n\r\n".getBytes(StandardCharsets.US_ASCII), // "GET " reads as ~1.2 GB
            RawFrames.announcing(0x7fff_ffffL),
            RawFrames.announcing(Payloads.MAX_FRAME_BYTES + 1L));
    private static final List<byte[]> REFUSED_AS_MALFORMED = List.of(
            RawFrames.announcing(0),
            RawFrames.frame(RawFrames.HELLO, "{not json at all"),
            RawFrames.frame(RawFrames.HELLO, "{\"client\":\"alice\",\"server\":\"world\"}"), // no nonce
            RawFrames.frame(RawFrames.HELLO, "{\"client\":\"alice\",\"server\":\"world\",\"nonce\":\"AAAA\","
                    + "\"admin\":true}"), // a field the wire does not know
            RawFrames.frame(RawFrames.DATA, "{\"from\":\"alice\"}")); // data before any handshake

    /** Writes each bad frame to the port on a fresh connection and checks that the listener hangs up. */
    private static void attack(int port) {
        REFUSED_AS_OVERSIZED.forEach(bytes -> RawFrames.assertRefused(port, bytes));
        REFUSED_AS_MALFORMED.forEach(bytes -> RawFrames.assertRefused(port, bytes));
    }

    @Test
    @Timeout(60)
    void malformedOversizedAndTruncatedFramesAreRefusedCountedAndLoggedAndTheRunIsUnchanged() throws Exception {
        Path file = Deployments.write(dir, Deployments.TWO_NODES);
        WorldService.Outcome outcome;
        List<Socket> truncated = new ArrayList<>();
        try (CapturedLog log = new CapturedLog("org.qnetstack.tcp");
             LiveDeployment run = new LiveDeployment(file, PAIRS, PACED)) {
            // Before the run: the world waits for its nodes, alice's host listens for the world.
            truncated.add(RawFrames.open(run.worldPort(), RawFrames.announcing(100)));
            truncated.add(RawFrames.open(run.port("alice"), RawFrames.announcing(100)));
            attack(run.worldPort());
            attack(run.port("alice"));
            run.startNodes();
            run.awaitUnderWay();
            truncated.add(RawFrames.open(run.worldPort(), RawFrames.announcing(100)));
            truncated.add(RawFrames.open(run.port("bob"), RawFrames.announcing(100)));
            attack(run.worldPort());
            attack(run.port("bob"));
            assertFalse(run.ended(), "the attack must land while the run is under way (slow the pace if not)");
            // A frame cut short and then left hanging holds its connection only until the handshake timeout.
            truncated.forEach(RawFrames::assertClosedByPeer);
            outcome = run.finish();

            // The world took two rounds (before and during the run), each node one.
            assertRefusals(log, "world", run.world.counters(), 2);
            assertRefusals(log, "alice", run.aliceHost.counters(), 1);
            assertRefusals(log, "bob", run.bobHost.counters(), 1);
            run.assertSameAsSingleProcess();
        } finally {
            for (Socket s : truncated) {
                s.close();
            }
        }
        assertTrue(outcome.ok(), outcome.note());
        assertEquals(0, outcome.malformed(), "nothing the strangers sent reached the world's loop");
        assertEquals(0, outcome.nodeFailures(), "no legitimate node was taken for down");
    }

    /** Each round's frames are counted at {@code local} under their kind, and each refusal is logged once. */
    private static void assertRefusals(CapturedLog log, String local, TcpCounters c, int rounds) {
        assertEquals(rounds * REFUSED_AS_OVERSIZED.size(), c.oversized(), local + ": oversized frames");
        assertEquals(rounds * REFUSED_AS_MALFORMED.size(), c.malformed(), local + ": malformed frames");
        assertEquals(rounds, c.authFailures(), local + ": truncated frames, closed at the handshake timeout");
        assertEquals(0, c.integrityFailures(), local);
        assertTrue(c.received() > 0, local + ": the legitimate connection carried the run");
        String refusal = local + ": closing connection from";
        assertEquals(c.malformed() + c.oversized() + c.authFailures(), log.count(refusal), local
                + ": every refusal is logged once");
        // None of them authenticated, so they are held to a handshake's frame size, not the data frames' 16 MiB.
        assertEquals(c.oversized() + rounds, log.count(refusal, "frame length",
                        "outside 1.." + TcpNodeConfig.HANDSHAKE_FRAME_BYTES + " (a handshake's)"),
                local + ": oversized lengths and the zero length are logged with the length");
        assertEquals(rounds, log.count(refusal, "did not authenticate within"), local + ": so are the timeouts");
    }

    @Test
    @Timeout(60)
    void connectionsBeyondTheHandshakeCapAreRefusedCountedAndTheRunIsUnchanged() throws Exception {
        Path file = Deployments.write(dir, Deployments.TWO_NODES);
        WorldService.Outcome outcome;
        int beyond = 16;
        List<Socket> silent = new ArrayList<>();
        try (LiveDeployment run = new LiveDeployment(file, PAIRS, PACED)) {
            run.startNodes();
            run.awaitUnderWay();
            // Strangers that connect and say nothing take every place for a handshake; the next are refused,
            // at the world service and at a node host alike.
            for (int port : List.of(run.worldPort(), run.port("alice"))) {
                for (int i = 0; i < TcpNodeConfig.DEFAULT_MAX_UNAUTHENTICATED; i++) {
                    silent.add(RawFrames.open(port, new byte[0]));
                }
                for (int i = 0; i < beyond; i++) {
                    RawFrames.assertRefused(port, new byte[0]);
                }
            }
            assertFalse(run.ended(), "the attack must land while the run is under way (slow the pace if not)");
            outcome = run.finish();
            for (TcpCounters c : List.of(run.world.counters(), run.aliceHost.counters())) {
                assertEquals(beyond, c.refusedConnections());
                assertEquals(0, c.oversized() + c.malformed() + c.integrityFailures());
                assertTrue(c.received() > 0, "the authenticated connections carried the run");
            }
            assertEquals(0, run.bobHost.counters().refusedConnections());
            run.assertSameAsSingleProcess();
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
        assertTrue(outcome.ok(), outcome.note());
        assertEquals(0, outcome.nodeFailures(), "no legitimate node was taken for down");
    }

    /** A node of its own, dialling {@code to} at the port with the given key. */
    private static TcpClassicalNetwork stranger(List<TcpClassicalNetwork> all, String as, String to, int port,
            byte[] key) {
        TcpClassicalNetwork n = TcpClassicalNetwork.start(TcpNodeConfig.loopback(as, 0,
                Map.of(to, new TcpPeer("127.0.0.1", port, key, 0))), Payloads.all(), Runnable::run);
        all.add(n);
        return n;
    }
}
