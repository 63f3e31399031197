package org.qnetstack.deploy.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.deploy.WorldUnreachableException;
import org.qnetstack.tcp.PayloadTypes;
import org.qnetstack.tcp.TcpClassicalNetwork;
import org.qnetstack.tcp.TcpCounters;
import org.qnetstack.tcp.TcpNodeConfig;
import org.qnetstack.tcp.TcpPeer;

/**
 * A node host's connection to the world service: an authenticated TCP classical network whose only peer is
 * the world. What the world says is queued here and taken by the node's loop thread, one message at a time.
 */
public final class WorldLink implements AutoCloseable {
    private final String node;
    private final TcpClassicalNetwork net;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Duration patience;

    /**
     * @param key      the key the node shares with the world
     * @param patience how long to wait for the world before giving up on it
     */
    public WorldLink(String node, DeploymentSpec deployment, byte[] key, PayloadTypes types, Duration patience) {
        this.node = node;
        this.patience = patience;
        DeploymentSpec.Endpoint world = deployment.world();
        DeploymentSpec.Endpoint self = deployment.node(node);
        TcpNodeConfig config = new TcpNodeConfig(node, self.host(), self.port(),
                Map.of(WorldMessages.WORLD, new TcpPeer(world.host(), world.port(), key, 0)), 16 << 20,
                Duration.ofMillis(20), Duration.ofMillis(500), Duration.ofSeconds(5), 1_000_000);
        this.net = TcpClassicalNetwork.start(config, types, Runnable::run);
        net.register(node, WorldMessages.PROTOCOL, envelope -> inbox.add(envelope.payload()));
    }

    public void send(Object message) {
        net.send(node, WorldMessages.WORLD, WorldMessages.PROTOCOL, message);
    }

    /** The world's next message, waiting at most the patience given at opening. */
    public Object next() {
        try {
            Object m = inbox.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new WorldUnreachableException(node, "no word from the world service for " + patience);
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorldUnreachableException(node, "interrupted while waiting for the world service");
        }
    }

    public TcpCounters counters() {
        return net.counters();
    }

    public int port() {
        return net.port();
    }

    @Override
    public void close() {
        net.close();
    }
}
