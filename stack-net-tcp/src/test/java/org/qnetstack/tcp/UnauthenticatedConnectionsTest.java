package org.qnetstack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.tcp.Nodes.KEY_AB;
import static org.qnetstack.tcp.Nodes.await;
import static org.qnetstack.tcp.Nodes.config;
import static org.qnetstack.tcp.Nodes.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.tcp.Nodes.Ping;

/**
 * Connections that have not authenticated cannot exhaust a node (issue 15: 48 of them, each buffering up to
 * 16 MiB, took a world service from 101 to 615 MB): each may send only handshake-sized frames, and only
 * {@link TcpNodeConfig#maxUnauthenticated()} may be in their handshake at once; the rest are refused on
 * arrival and counted, and honest peers still connect.
 */
class UnauthenticatedConnectionsTest {
    private static final int CAP = 4;
    private static final Duration LONG_HANDSHAKE = Duration.ofSeconds(60);
    private final Nodes nodes = new Nodes();
    private final List<Socket> strangers = new ArrayList<>();

    @AfterEach
    void release() throws IOException, InterruptedException {
        for (Socket s : strangers) {
            s.close();
        }
        nodes.close();
    }

    /** A on port 0 with room for {@value #CAP} handshakes, expecting B on {@code portB}. */
    private TcpClassicalNetwork nodeA(int portB) {
        return nodes.start(config("A", 0, Map.of("B", peer(portB, KEY_AB))).withHandshake(LONG_HANDSHAKE, CAP));
    }

    /** A socket that connects to the port and says nothing. */
    private Socket silent(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) Nodes.WAIT.toMillis());
        strangers.add(s);
        return s;
    }

    @Test
    void connectionsBeyondTheCapAreRefusedAndCountedAndAnHonestPeerStillConnects() throws Exception {
        int portB = Nodes.freePort();
        TcpClassicalNetwork a = nodeA(portB);
        for (int i = 0; i < CAP; i++) {
            silent(a.port());
        }
        await(CAP + " strangers in their handshake", () -> a.handshakesInProgress() == CAP);

        int refused = 20;
        for (int i = 0; i < refused; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), a.port())) {
                s.setSoTimeout((int) Nodes.WAIT.toMillis());
                assertEquals(-1, s.getInputStream().read(), "a connection beyond the cap is closed on arrival");
            }
        }

        assertEquals(refused, a.counters().refusedConnections());
        assertEquals(CAP, a.handshakesInProgress(), "the strangers admitted are still waiting, no more");
        assertEquals(0, a.counters().authFailures() + a.counters().malformed() + a.counters().oversized());
        // One stranger leaves: its place is free again, and the honest peer takes it while the others wait.
        strangers.remove(0).close();
        await("the leaver's place freed", () -> a.handshakesInProgress() == CAP - 1);
        TcpClassicalNetwork b = nodes.start(config("B", portB, Map.of("A", peer(a.port(), KEY_AB))));
        await("A and B connected", () -> a.connectedTo("B") && b.connectedTo("A"));
        List<Envelope> atA = inbox(a);
        b.send("B", "A", "ping", new Ping(1, "honest"));
        await("B's message at A", () -> atA.size() == 1);
        assertEquals(CAP - 1, a.handshakesInProgress(), "B's connection left the handshakes when it authenticated");
    }

    @Test
    void connectionsThatEndLeaveTheirPlace() throws Exception {
        TcpClassicalNetwork a = nodeA(Nodes.freePort());
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < CAP; i++) {
                silent(a.port());
            }
            await("round " + CAP + " strangers admitted", () -> a.handshakesInProgress() == CAP);
            for (Socket s : strangers) {
                s.close();
            }
            strangers.clear();
            await("their places freed", () -> a.handshakesInProgress() == 0);
        }
        assertEquals(0, a.counters().refusedConnections(), "no place was lost to a connection that ended");
    }

    @Test
    void beforeAuthenticationOnlyHandshakeSizedFramesAreAcceptedAfterItDataFramesAre() throws Exception {
        int portB = Nodes.freePort();
        TcpClassicalNetwork a = nodeA(portB);
        // A frame one byte over a handshake's, far below the 1 MiB data frames: refused before it is buffered.
        Socket s = silent(a.port());
        OutputStream out = s.getOutputStream();
        out.write(ByteBuffer.allocate(4).putInt(TcpNodeConfig.HANDSHAKE_FRAME_BYTES + 1).array());
        out.write(new byte[1000]);
        out.flush();
        InputStream in = s.getInputStream();
        assertEquals(-1, in.read(), "the node must close the connection");
        await("oversized counted", () -> a.counters().oversized() == 1);
        await("its place freed", () -> a.handshakesInProgress() == 0);

        // An authenticated peer sends data frames far larger than a handshake's.
        TcpClassicalNetwork b = nodes.start(config("B", portB, Map.of("A", peer(a.port(), KEY_AB))));
        await("A and B connected", () -> a.connectedTo("B") && b.connectedTo("A"));
        List<Envelope> atA = inbox(a);
        String big = "q".repeat(8 * TcpNodeConfig.HANDSHAKE_FRAME_BYTES);
        b.send("B", "A", "ping", new Ping(2, big));
        await("the large message at A", () -> atA.size() == 1);
        assertEquals(big, ((Ping) atA.get(0).payload()).text());
        assertEquals(1, a.counters().oversized());
    }

    @Test
    void strangersTogetherHoldAtMostTheCapTimesAHandshakeFrame() {
        TcpNodeConfig defaults = TcpNodeConfig.loopback("A", 0, Map.of());

        assertEquals(TcpNodeConfig.DEFAULT_MAX_UNAUTHENTICATED, defaults.maxUnauthenticated());
        assertTrue((long) defaults.maxUnauthenticated() * defaults.handshakeFrameBytes() <= 1 << 20,
                "64 strangers × 16 KiB = 1 MiB at most, where 48 could hold 768 MiB before");
        assertEquals(256, defaults.withMaxFrameBytes(256).handshakeFrameBytes(),
                "never above the data frames' own limit");
    }

    private static List<Envelope> inbox(TcpClassicalNetwork n) {
        List<Envelope> got = new CopyOnWriteArrayList<>();
        n.register(n.node(), "ping", got::add);
        return got;
    }
}
