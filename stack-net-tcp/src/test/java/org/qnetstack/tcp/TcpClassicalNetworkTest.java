package org.qnetstack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.tcp.Nodes.KEY_AB;
import static org.qnetstack.tcp.Nodes.KEY_AM;
import static org.qnetstack.tcp.Nodes.WRONG;
import static org.qnetstack.tcp.Nodes.await;
import static org.qnetstack.tcp.Nodes.config;
import static org.qnetstack.tcp.Nodes.peer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.tcp.Nodes.Ping;

class TcpClassicalNetworkTest {
    private final Nodes nodes = new Nodes();

    @AfterEach
    void release() throws InterruptedException {
        nodes.close();
    }

    /** A on port 0, B on a port A knows; both connected. */
    private TcpClassicalNetwork[] pair() {
        int portB = Nodes.freePort();
        TcpClassicalNetwork a = nodes.start(config("A", 0, Map.of("B", peer(portB, KEY_AB))));
        TcpClassicalNetwork b = nodes.start(config("B", portB, Map.of("A", peer(a.port(), KEY_AB))));
        await("A and B connected", () -> a.connectedTo("B") && b.connectedTo("A"));
        return new TcpClassicalNetwork[] {a, b};
    }

    private static List<Envelope> inbox(TcpClassicalNetwork n) {
        List<Envelope> got = new CopyOnWriteArrayList<>();
        n.register(n.node(), "ping", got::add);
        return got;
    }

    private static void exchange(TcpClassicalNetwork a, TcpClassicalNetwork b, int count) {
        List<Envelope> atA = inbox(a);
        List<Envelope> atB = inbox(b);
        for (int i = 0; i < count; i++) {
            a.send("A", "B", "ping", new Ping(i, "from A"));
            b.send("B", "A", "ping", new Ping(i, "from B"));
        }
        await(count + " messages each way", () -> atA.size() >= count && atB.size() >= count);
        assertEquals(count, atA.size());
        assertEquals(count, atB.size());
        for (int i = 0; i < count; i++) {
            assertEquals(new Envelope("B", "A", "ping", new Ping(i, "from B")), atA.get(i));
            assertEquals(new Envelope("A", "B", "ping", new Ping(i, "from A")), atB.get(i));
        }
    }

    @Test
    void twoNodesExchangeAThousandMessagesInOrder() {
        TcpClassicalNetwork[] ab = pair();
        exchange(ab[0], ab[1], 1000);
        TcpCounters c = ab[0].counters();
        assertEquals(1000, c.sent());
        assertEquals(1000, c.received());
        assertEquals(1000, c.delivered());
        assertEquals(0, c.malformed() + c.oversized() + c.authFailures() + c.integrityFailures() + c.unsent());
        assertEquals(5_000, ab[0].delayNanos("A", "B"));
        assertEquals(5_000, ab[0].delayNanos("B", "A"));
        assertEquals(0, ab[0].delayNanos("A", "A"));
    }

    @Test
    void messagesSentBeforeThePeerListensWaitAndArriveInOrder() {
        int portB = Nodes.freePort();
        TcpClassicalNetwork a = nodes.start(config("A", 0, Map.of("B", peer(portB, KEY_AB))));
        for (int i = 0; i < 50; i++) {
            a.send("A", "B", "ping", new Ping(i, "early"));
        }
        TcpClassicalNetwork b = nodes.start(config("B", portB, Map.of("A", peer(a.port(), KEY_AB))));
        List<Envelope> atB = inbox(b);
        await("50 queued messages", () -> atB.size() >= 50);
        for (int i = 0; i < 50; i++) {
            assertEquals(new Ping(i, "early"), atB.get(i).payload());
        }
    }

    @Test
    void wrongKeyAndStrangerAreRefusedAndCountedWhileTheLegitimatePeerKeepsWorking() {
        int portB = Nodes.freePort();
        int portM = Nodes.freePort();
        TcpClassicalNetwork a = nodes.start(config("A", 0,
                Map.of("B", peer(portB, KEY_AB), "M", peer(portM, KEY_AM))));
        TcpClassicalNetwork b = nodes.start(config("B", portB, Map.of("A", peer(a.port(), KEY_AB))));
        // M is known to A but holds the wrong key; X is known to nobody.
        TcpClassicalNetwork m = nodes.start(config("M", 0, Map.of("A", peer(a.port(), WRONG))));
        TcpClassicalNetwork x = nodes.start(config("X", 0, Map.of("A", peer(a.port(), KEY_AB))));
        List<Envelope> atA = inbox(a);
        m.send("M", "A", "ping", new Ping(-1, "forged"));
        x.send("X", "A", "ping", new Ping(-2, "stranger"));
        await("A refused M and X at least twice each (they redial)", () -> a.counters().authFailures() >= 4
                && m.counters().authFailures() >= 2 && x.counters().authFailures() >= 2);
        assertFalse(m.connectedTo("A"));
        assertFalse(x.connectedTo("A"));
        exchange(a, b, 100);
        assertTrue(atA.stream().allMatch(e -> e.from().equals("B")), "only B's messages reach A");
        assertEquals(0, m.counters().sent());
        assertEquals(0, x.counters().sent());
    }

    @Test
    void garbageAndOversizedFramesAreRejectedAndCountedWhileTheNodeKeepsServing() throws Exception {
        TcpClassicalNetwork[] ab = pair();
        TcpClassicalNetwork a = ab[0];
        long before = a.counters().malformed();
        // 1. a well-sized frame of garbage where a HELLO should be
        byte[] junk = "\u0001{not json at all".getBytes(StandardCharsets.UTF_8);
        assertClosedBy(a, ByteBuffer.allocate(4 + junk.length).putInt(junk.length).put(junk).array());
        await("garbage counted", () -> a.counters().malformed() == before + 1);
        // 2. a length prefix of 2 GiB: closed before any of it is buffered
        assertClosedBy(a, new byte[] {(byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
        await("oversized counted", () -> a.counters().oversized() == 1);
        // 3. a data frame before any handshake
        assertClosedBy(a, new byte[] {0, 0, 0, 2, 5, 0});
        await("out-of-turn frame counted", () -> a.counters().malformed() == before + 2);
        exchange(a, ab[1], 100);
    }

    private static void assertClosedBy(TcpClassicalNetwork n, byte[] bytes) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), n.port())) {
            s.setSoTimeout((int) Nodes.WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "the node must close the connection");
        }
    }

    @Test
    void unknownPayloadTypeFromAnAuthenticatedPeerIsDroppedAndTheConnectionKept() {
        record Secret(String command) {
        }
        int portB = Nodes.freePort();
        TcpClassicalNetwork a = nodes.start(config("A", 0, Map.of("B", peer(portB, KEY_AB))));
        TcpClassicalNetwork b = nodes.start(config("B", portB, Map.of("A", peer(a.port(), KEY_AB))),
                Nodes.TYPES.with("secret", Secret.class));
        List<Envelope> atA = inbox(a);
        b.send("B", "A", "ping", new Secret("rm -rf"));
        b.send("B", "A", "ping", new Ping(1, "after"));
        await("the ping after the unknown type", () -> atA.size() == 1);
        assertEquals(new Ping(1, "after"), atA.get(0).payload());
        assertEquals(1, a.counters().malformed());
        assertEquals(2, a.counters().received());
        b.send("B", "A", "nobody-serves-this", new Ping(2, "lost"));
        await("undeliverable counted", () -> a.undeliverable() == 1);
    }

    @Test
    void reconnectsWithBoundedBackoffAfterThePeersServerRestarts() throws Exception {
        TcpClassicalNetwork[] ab = pair();
        TcpClassicalNetwork a = ab[0];
        TcpClassicalNetwork b = ab[1];
        int portB = b.port();
        b.close();
        await("A sees B gone", () -> !a.connectedTo("B"));
        long attemptsBefore = a.counters().connectAttempts();
        Thread.sleep(1000);
        long attemptsWhileDown = a.counters().connectAttempts() - attemptsBefore;
        // 20 ms doubling to 200 ms: about 8 attempts in a second; a loop without backoff would make hundreds.
        assertTrue(attemptsWhileDown >= 3 && attemptsWhileDown <= 15, "attempts while down: " + attemptsWhileDown);
        TcpClassicalNetwork b2 = nodes.start(config("B", portB, Map.of("A", peer(a.port(), KEY_AB))));
        long restarted = System.nanoTime();
        await("A reconnected", () -> a.connectedTo("B") && b2.connectedTo("A"));
        long reconnectMillis = (System.nanoTime() - restarted) / 1_000_000;
        // A waits at most the 200 ms maximum backoff, then a loopback handshake; the slack is for a busy machine
        // (without the cap, A would by now wait 20 ms · 2^8 ≈ 5 s)
        assertTrue(reconnectMillis < 2000, "reconnected after " + reconnectMillis + " ms");
        assertEquals(2, a.counters().connections());
        exchange(a, b2, 100);
    }

    @Test
    void closeReleasesThePortAndTheIoThreads() throws Exception {
        TcpClassicalNetwork[] ab = pair();
        TcpClassicalNetwork a = ab[0];
        int port = a.port();
        a.close();
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, s.getLocalPort());
        }
        await("A's I/O threads ended", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("qnet-tcp-A")));
        assertThrows(IllegalStateException.class, () -> a.send("A", "B", "ping", new Ping(0, "late")));
    }

    @Test
    void misuseThrowsSayingWhatToDo() {
        TcpClassicalNetwork[] ab = pair();
        TcpClassicalNetwork a = ab[0];
        assertThrows(IllegalArgumentException.class, () -> a.send("B", "A", "ping", new Ping(0, "")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> a.send("A", "Z", "ping", new Ping(0, "")));
        assertTrue(unknown.getMessage().contains("TcpNodeConfig.peers"));
        IllegalArgumentException notListed = assertThrows(IllegalArgumentException.class,
                () -> a.send("A", "B", "ping", List.of(1)));
        assertTrue(notListed.getMessage().contains("allow-list"));
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> a.send("A", "B", "ping", new Ping(0, "x".repeat(2 << 20))));
        assertTrue(tooBig.getMessage().contains("maxFrameBytes"));
        assertThrows(IllegalArgumentException.class, () -> a.register("B", "ping", e -> { }));
        assertThrows(IllegalArgumentException.class, () -> a.delayNanos("A", "Z"));
        assertThrows(IllegalStateException.class, () -> nodes.start(config("C", a.port(), Map.of())));
    }

    @Test
    void configurationErrorsNameTheField() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> new TcpPeer("127.0.0.1", 1, new byte[8], 0));
        assertTrue(shortKey.getMessage().startsWith("TcpPeer.key"));
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> config("A", 0, Map.of("A", peer(1, KEY_AB))));
        assertTrue(self.getMessage().startsWith("TcpNodeConfig.peers"));
        IllegalArgumentException frame = assertThrows(IllegalArgumentException.class,
                () -> config("A", 0, Map.of()).withMaxFrameBytes(10));
        assertTrue(frame.getMessage().startsWith("TcpNodeConfig.maxFrameBytes"));
        assertFalse(peer(1, KEY_AB).toString().contains("pre-shared"), "toString must not print the key");
        assertThrows(IllegalArgumentException.class, () -> PayloadTypes.none().with("list", List.class));
    }
}
