package org.qnetstack.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.tcp.PayloadTypes;
import org.qnetstack.tcp.TcpClassicalNetwork;
import org.qnetstack.tcp.TcpNodeConfig;
import org.qnetstack.tcp.TcpPeer;

/**
 * A hand-written client that knows the key, so it gets past the handshake, then misbehaves: the node
 * must check every data frame's HMAC and sequence number, not only the handshake.
 */
class ForgedFramesTest {
    record Ping(int n) {
    }

    private static final byte[] KEY = "pre-shared key of A and B, 32 b!".getBytes(StandardCharsets.US_ASCII);
    private static final PayloadTypes TYPES = PayloadTypes.none().with("ping", Ping.class);
    private static final int TIMEOUT_MS = 20_000;
    private final Wire wire = new Wire(TYPES, 1 << 20);
    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private final List<Envelope> atA = new CopyOnWriteArrayList<>();
    private TcpClassicalNetwork a;

    @BeforeEach
    void start() {
        int unused;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        a = TcpClassicalNetwork.start(new TcpNodeConfig("A", "127.0.0.1", 0,
                Map.of("B", new TcpPeer("127.0.0.1", unused, KEY, 0)), 1 << 20, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofMillis(300), 100), TYPES, loop);
        a.register("A", "ping", atA::add);
    }

    @AfterEach
    void stop() throws InterruptedException {
        a.close();
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A connection that completed the handshake as B, with its session MAC. */
    private record Session(Socket socket, DataOutputStream out, DataInputStream in, Mac mac) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
        }

        void data(long seq, byte[] tag, byte[] json) throws IOException {
            out.writeInt(1 + 8 + tag.length + json.length);
            out.writeByte(Wire.DATA);
            out.writeLong(seq);
            out.write(tag);
            out.write(json);
            out.flush();
        }

        byte[] tag(long seq, byte[] json) {
            mac.update(ByteBuffer.allocate(8).putLong(seq).array());
            mac.update(json);
            return mac.doFinal();
        }
    }

    private Session handshake() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), a.port());
        s.setSoTimeout(TIMEOUT_MS);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] nc = Keys.nonce();
        send(out, Wire.HELLO, wire.json(new Wire.Hello("B", "A", nc)));
        byte[] ns = wire.decode(read(in, Wire.CHALLENGE), Wire.Challenge.class).nonce();
        send(out, Wire.AUTH, wire.json(new Wire.Proof(Keys.clientProof(KEY, "B", "A", nc, ns))));
        byte[] proof = wire.decode(read(in, Wire.WELCOME), Wire.Proof.class).mac();
        assertTrue(Keys.same(proof, Keys.serverProof(KEY, "B", "A", nc, ns)), "A proves the key too");
        return new Session(s, out, in, Keys.mac(Keys.sessionKey(KEY, "B", "A", nc, ns)));
    }

    private static void send(DataOutputStream out, byte type, byte[] body) throws IOException {
        out.writeInt(1 + body.length);
        out.writeByte(type);
        out.write(body);
        out.flush();
    }

    private static byte[] read(DataInputStream in, byte type) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        assertEquals(type, frame[0]);
        return java.util.Arrays.copyOfRange(frame, 1, frame.length);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void replayedAndTamperedFramesCloseTheConnectionAndAreCounted() throws Exception {
        byte[] json = wire.encode(new Envelope("B", "A", "ping", new Ping(7)));
        try (Session s = handshake()) {
            s.data(0, s.tag(0, json), json);
            await("the genuine frame", () -> atA.size() == 1);
            assertEquals(new Ping(7), atA.get(0).payload());
            s.data(0, s.tag(0, json), json); // replay: valid HMAC, old sequence number
            assertEquals(-1, s.in().read(), "A closes a connection that replays a frame");
        }
        assertEquals(1, a.counters().integrityFailures());
        try (Session s = handshake()) {
            byte[] tag = s.tag(0, json);
            tag[0] ^= 1;
            s.data(0, tag, json);
            assertEquals(-1, s.in().read(), "A closes a connection with a tampered HMAC");
        }
        assertEquals(2, a.counters().integrityFailures());
        try (Session s = handshake()) {
            byte[] spoofed = wire.encode(new Envelope("C", "A", "ping", new Ping(8)));
            s.data(0, s.tag(0, spoofed), spoofed); // B signs a message claiming to come from C
            s.data(1, s.tag(1, json), json);
            await("the genuine frame after the spoofed one", () -> atA.size() == 2);
            assertEquals("B", atA.get(1).from());
            assertEquals(1, a.counters().malformed());
        }
    }

    @Test
    void aPeerThatAcceptsButNeverAnswersIsDroppedAfterTheHandshakeTimeoutAndRedialled() throws Exception {
        ExecutorService loop2 = Executors.newSingleThreadExecutor();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            silent.setSoTimeout(TIMEOUT_MS);
            TcpClassicalNetwork c = TcpClassicalNetwork.start(new TcpNodeConfig("C", "127.0.0.1", 0,
                    Map.of("B", new TcpPeer("127.0.0.1", silent.getLocalPort(), KEY, 0)), 1 << 20,
                    Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(300), 100), TYPES, loop2);
            try (Socket first = silent.accept()) {
                long accepted = System.nanoTime();
                first.setSoTimeout(TIMEOUT_MS);
                byte[] hello = new byte[4];
                new DataInputStream(first.getInputStream()).readFully(hello); // C says HELLO, we stay silent
                while (first.getInputStream().read() != -1) {
                    // drain the rest of the HELLO until C hangs up
                }
                long ms = (System.nanoTime() - accepted) / 1_000_000;
                assertTrue(ms >= 250 && ms < 5_000, "C hung up after " + ms + " ms; its handshake timeout is 300 ms");
                try (Socket second = silent.accept()) {
                    assertTrue(second.isConnected(), "C redials");
                }
                assertTrue(!c.connectedTo("B"));
                assertTrue(c.counters().authFailures() >= 1, "the silent peer is counted as a failed handshake");
            } finally {
                c.close();
            }
        } finally {
            loop2.shutdownNow();
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
        long start = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), a.port())) {
            s.setSoTimeout(TIMEOUT_MS);
            assertEquals(-1, s.getInputStream().read());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 250 && ms < 5_000, "closed after " + ms + " ms; the handshake timeout is 300 ms");
        assertEquals(1, a.counters().authFailures());
    }
}
