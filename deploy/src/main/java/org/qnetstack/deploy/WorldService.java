package org.qnetstack.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.deploy.internal.PayloadCodec;
import org.qnetstack.deploy.internal.Payloads;
import org.qnetstack.deploy.internal.WorldLoop;
import org.qnetstack.deploy.internal.WorldMessages;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.sim.SimulatedPlatform;
import org.qnetstack.tcp.TcpClassicalNetwork;
import org.qnetstack.tcp.TcpCounters;
import org.qnetstack.tcp.TcpNodeConfig;
import org.qnetstack.tcp.TcpPeer;

/**
 * The simulated quantum world of a network whose nodes each run in their own process: every node's
 * device, every link's station and detectors, the fibres and the one clock. Node hosts ({@link NodeHost})
 * reach their device through it over authenticated TCP, as a stack reaches a remote device server; the
 * world hands each node its events in time order, so the programs run as they would in one process, with
 * the same results for the same seed.
 *
 * <pre>{@code
 * try (WorldService world = WorldService.start(spec, deployment, WorldService.Settings.DEFAULT)) {
 *     WorldService.Outcome outcome = world.awaitEnd();
 * }
 * }</pre>
 */
public final class WorldService implements AutoCloseable {
    private final TcpClassicalNetwork net;
    private final SimulatedPlatform platform;
    private final WorldLoop loop;
    private final CompletableFuture<Outcome> end = new CompletableFuture<>();
    private final Thread thread;

    /**
     * How the world runs.
     *
     * @param pace           simulated seconds per wall-clock second at most: 1 runs the network in real time
     *                       (when the simulation keeps up), 0 as fast as it can
     * @param detectionDelay simulated time between a node's loss and the others being told
     * @param nodeTimeout    how long (wall) a node may take over one task or stay disconnected before it is down
     * @param idleTimeout    how long (wall) the world waits with nothing to simulate before it gives up
     */
    public record Settings(double pace, Duration detectionDelay, Duration nodeTimeout, Duration idleTimeout) {
        public static final Settings DEFAULT = new Settings(0, Duration.ofMillis(10), Duration.ofSeconds(10),
                Duration.ofSeconds(60));

        public Settings {
            new WorldLoop.Options(pace, detectionDelay, nodeTimeout, idleTimeout); // checks every field
        }

        public Settings withPace(double simulatedSecondsPerSecond) {
            return new Settings(simulatedSecondsPerSecond, detectionDelay, nodeTimeout, idleTimeout);
        }

        public Settings withNodeTimeout(Duration timeout) {
            return new Settings(pace, detectionDelay, timeout, idleTimeout);
        }

        public Settings withIdleTimeout(Duration timeout) {
            return new Settings(pace, detectionDelay, nodeTimeout, timeout);
        }
    }

    /**
     * How the run ended.
     *
     * @param ok               every program finished without failure
     * @param note             why the run ended
     * @param programFailures  node → how its program failed
     * @param events           simulated events run
     * @param simulatedSeconds simulated time at the end
     * @param nodeFailures     times a node was declared down
     * @param malformed        messages from nodes the world refused
     */
    public record Outcome(boolean ok, String note, Map<String, String> programFailures, long events,
                          double simulatedSeconds, long nodeFailures, long malformed) {
    }

    private WorldService(PlatformSpec spec, DeploymentSpec deployment, Settings settings) {
        Map<String, TcpPeer> peers = new LinkedHashMap<>();
        deployment.nodes().forEach((node, at) -> peers.put(node,
                new TcpPeer(at.host(), at.port(), DeploymentKeys.worldKey(spec, deployment, node), 0)));
        TcpNodeConfig config = new TcpNodeConfig(WorldMessages.WORLD, deployment.world().host(),
                deployment.world().port(), peers, Payloads.MAX_FRAME_BYTES, Duration.ofMillis(20),
                Duration.ofMillis(500), Duration.ofSeconds(5), 1_000_000);
        this.net = TcpClassicalNetwork.start(config, Payloads.all(), Runnable::run);
        this.platform = new SimulatedPlatform(spec);
        this.loop = new WorldLoop(spec, platform, net, new PayloadCodec(Payloads.stack(), Payloads.MAX_FRAME_BYTES),
                new WorldLoop.Options(settings.pace(), settings.detectionDelay(), settings.nodeTimeout(),
                        settings.idleTimeout()));
        this.thread = new Thread(() -> {
            try {
                WorldLoop.Outcome o = loop.run();
                end.complete(new Outcome(o.ok(), o.note(), o.programFailures(), o.events(), o.simulatedSeconds(),
                        o.nodeFailures(), o.malformed()));
            } catch (Throwable t) {
                end.completeExceptionally(t);
            }
        }, "world");
        thread.start();
    }

    /** Listens at the deployment's world address and waits there for every node to join. */
    public static WorldService start(PlatformSpec spec, DeploymentSpec deployment, Settings settings) {
        return new WorldService(spec, deployment, settings);
    }

    /** Waits for the run to end. */
    public Outcome awaitEnd() {
        return end.join();
    }

    /** The TCP layer's counts: refused strangers, malformed and oversized frames, among others. */
    public TcpCounters counters() {
        return net.counters();
    }

    /** Messages from joined nodes that the world refused. */
    public long malformed() {
        return loop.malformed();
    }

    public int port() {
        return net.port();
    }

    @Override
    public void close() {
        loop.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        net.close();
        platform.close();
    }
}
