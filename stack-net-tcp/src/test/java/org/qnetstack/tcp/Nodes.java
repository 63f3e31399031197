package org.qnetstack.tcp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Starts nodes on loopback for a test and releases them all afterwards. */
final class Nodes implements AutoCloseable {
    record Ping(int n, String text) {
    }

    static final PayloadTypes TYPES = PayloadTypes.none().with("ping", Ping.class);
    static final byte[] KEY_AB = "pre-shared key of A and B, 32 b!".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY_AM = "pre-shared key of A and M, 32 b!".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WRONG = "not the key that A holds for M!!".getBytes(StandardCharsets.US_ASCII);
    static final Duration WAIT = Duration.ofSeconds(20);

    private final List<TcpClassicalNetwork> networks = new ArrayList<>();
    private final List<ExecutorService> loops = new ArrayList<>();

    TcpClassicalNetwork start(TcpNodeConfig config) {
        return start(config, TYPES);
    }

    TcpClassicalNetwork start(TcpNodeConfig config, PayloadTypes types) {
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "loop-" + config.node()));
        loops.add(loop);
        TcpClassicalNetwork n = TcpClassicalNetwork.start(config, types, loop);
        networks.add(n);
        return n;
    }

    static TcpPeer peer(int port, byte[] key) {
        return new TcpPeer("127.0.0.1", port, key, 5_000);
    }

    static TcpNodeConfig config(String node, int port, Map<String, TcpPeer> peers) {
        return TcpNodeConfig.loopback(node, port, peers).withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    /** A port that was free a moment ago, for a node whose peers must know its port before it starts. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
    public void close() throws InterruptedException {
        networks.forEach(TcpClassicalNetwork::close);
        for (ExecutorService loop : loops) {
            loop.shutdownNow();
            loop.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
