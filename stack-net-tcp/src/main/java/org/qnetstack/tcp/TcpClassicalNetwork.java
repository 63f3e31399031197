package org.qnetstack.tcp;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.tcp.internal.Counters;
import org.qnetstack.tcp.internal.FrameDecoder;
import org.qnetstack.tcp.internal.Handshakes;
import org.qnetstack.tcp.internal.InboundSession;
import org.qnetstack.tcp.internal.OutboundLink;
import org.qnetstack.tcp.internal.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

/**
 * The classical network of ONE node in its own process: it listens for its peers, dials each of them,
 * and hands what arrives to the registered handlers on the node's event loop (the {@link Executor} given
 * at start, e.g. the node's real-time {@code Scheduler}; handlers run only there, one at a time).
 *
 * <p>Each ordered pair of nodes uses its own connection, dialled by the sender, so messages from one
 * node to another arrive in the order sent while the connection lasts. A connection starts with a
 * mutual proof of the pair's pre-shared key over fresh nonces; every data frame then carries an
 * HMAC-SHA256 under a per-connection session key and a sequence number. Strangers, wrong keys, garbage,
 * oversized or forged frames are refused, counted in {@link #counters()} and logged at WARNING; other
 * peers are not affected. Payloads must be on the {@link PayloadTypes} allow-list.
 *
 * <p>Strangers cannot exhaust the node: a connection that has not authenticated may send only frames of a
 * handshake's size ({@link TcpNodeConfig#HANDSHAKE_FRAME_BYTES}) and must authenticate within
 * {@link TcpNodeConfig#handshakeTimeout()}; at most {@link TcpNodeConfig#maxUnauthenticated()} connections may
 * be in their handshake at once, a further one is closed on arrival ({@link TcpCounters#refusedConnections()}).
 * Refusals are logged up to 20 a minute ({@link RateLimitedLog}), then only counted, the next warning saying how
 * many were not logged.
 *
 * <p>Thread-safe: {@link #send} may be called from any thread, though a node normally calls it from its loop.
 * {@link #close()} releases the port, the connections and the I/O threads.
 */
public final class TcpClassicalNetwork implements ClassicalNetwork, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpClassicalNetwork.class);
    private static final Duration SHUTDOWN = Duration.ofSeconds(10);
    private final TcpNodeConfig config;
    private final Executor loop;
    private final Wire wire;
    private final Counters counters = new Counters();
    /** One per node, shared by its connections: a stranger's flood of refusals costs a few lines a minute. */
    private final RateLimitedLog refusals = RateLimitedLog.warnings(LOG);
    private final RateLimitedLog undeliverable = RateLimitedLog.warnings(LOG);
    private final Handshakes handshakes;
    private final Map<String, Consumer<Envelope>> handlers = new ConcurrentHashMap<>();
    private final Map<String, OutboundLink> links = new ConcurrentHashMap<>();
    private final ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final LoopResources loops;
    private final DisposableServer server;
    private volatile boolean closed;

    private TcpClassicalNetwork(TcpNodeConfig config, PayloadTypes types, Executor loop) {
        this.config = config;
        this.loop = loop;
        this.wire = new Wire(types, config.maxFrameBytes());
        this.handshakes = new Handshakes(config.node(), config.maxUnauthenticated(), counters, refusals);
        // Own I/O threads per node, so closing the node releases them (the shared global ones never are).
        this.loops = LoopResources.create("qnet-tcp-" + config.node(), 1, 1, true);
        try {
            this.server = TcpServer.create()
                    .host(config.bindHost())
                    .port(config.port())
                    .runOn(loops, false)
                    .doOnConnection(c -> {
                        accepted.add(c.channel());
                        if (!handshakes.admit(c.channel())) {
                            return;
                        }
                        c.addHandlerLast("qnet-frames", new FrameDecoder(config.node(), config.handshakeFrameBytes(),
                                        counters, refusals))
                                .addHandlerLast("qnet-inbound", new InboundSession(config.node(), config.peers(),
                                        wire, counters, config.handshakeTimeout(), handshakes, refusals,
                                        config.maxFrameBytes(), this::deliverLater));
                    })
                    // Completes when the peer's side closes; our handlers consume every frame before it.
                    .handle((in, out) -> in.receive().then())
                    .bindNow(SHUTDOWN);
        } catch (RuntimeException e) {
            loops.disposeLater().block(SHUTDOWN);
            throw new IllegalStateException("TcpNodeConfig.port: cannot listen on " + config.bindHost() + ":"
                    + config.port() + " (" + e.getMessage() + "); choose a free port or 0", e);
        }
        config.peers().forEach((name, peer) ->
                links.put(name, new OutboundLink(config.node(), name, peer, config, wire, counters, refusals, loops)));
        links.values().forEach(OutboundLink::start);
    }

    /**
     * Starts listening and dialling the configured peers.
     *
     * @param loop the node's event loop: received messages are handed to their handlers through it
     * @throws IllegalStateException if the port cannot be bound
     */
    public static TcpClassicalNetwork start(TcpNodeConfig config, PayloadTypes types, Executor loop) {
        return new TcpClassicalNetwork(config, types, loop);
    }

    /** The port actually listened on (the chosen one when configured with 0). */
    public int port() {
        return server.port();
    }

    public String node() {
        return config.node();
    }

    /** Whether the connection this node sends over to {@code peer} is authenticated and open. */
    public boolean connectedTo(String peer) {
        return link(peer).isOpen();
    }

    public TcpCounters counters() {
        return counters.snapshot();
    }

    /** Incoming connections admitted and still in their handshake (at most {@link TcpNodeConfig#maxUnauthenticated()}). */
    public int handshakesInProgress() {
        return handshakes.inProgress();
    }

    @Override
    public void register(String node, String protocol, Consumer<Envelope> handler) {
        local(node, "register");
        handlers.put(protocol, handler);
    }

    @Override
    public void unregister(String node, String protocol) {
        local(node, "unregister");
        handlers.remove(protocol);
    }

    /**
     * Sends from the local node; to itself the message goes straight to its loop.
     *
     * @throws IllegalArgumentException if {@code from} is not the local node, {@code to} is not a configured
     *                                  peer, the payload is not on the allow-list or too large for a frame
     * @throws IllegalStateException    after {@link #close()}
     */
    @Override
    public void send(String from, String to, String protocol, Object payload) {
        local(from, "send from");
        Envelope envelope = new Envelope(from, to, protocol, payload);
        if (to.equals(config.node())) {
            if (closed) {
                throw new IllegalStateException("the TCP classical network of " + config.node() + " is closed");
            }
            deliverLater(envelope);
            return;
        }
        OutboundLink link = link(to);
        byte[] json = wire.encode(envelope);
        if (json.length + Wire.DATA_OVERHEAD > config.maxFrameBytes()) {
            throw new IllegalArgumentException("message for " + to + "/" + protocol + " needs "
                    + (json.length + Wire.DATA_OVERHEAD) + " bytes, more than TcpNodeConfig.maxFrameBytes = "
                    + config.maxFrameBytes() + "; split the payload or raise the limit on both ends");
        }
        link.send(json);
    }

    /** The configured one-way delay; symmetric, 0 to itself. */
    @Override
    public long delayNanos(String from, String to) {
        if (from.equals(to)) {
            return 0;
        }
        String local = config.node();
        if (!from.equals(local) && !to.equals(local)) {
            throw new IllegalArgumentException("node " + local + " knows only its own links, not " + from + " → " + to);
        }
        String other = from.equals(local) ? to : from;
        TcpPeer peer = config.peers().get(other);
        if (peer == null) {
            throw new IllegalArgumentException("no peer '" + other + "' configured for node " + local
                    + "; add it to TcpNodeConfig.peers");
        }
        return peer.delayNanos();
    }

    @Override
    public long undeliverable() {
        return counters.undeliverable.get();
    }

    private void deliverLater(Envelope e) {
        try {
            loop.execute(() -> {
                Consumer<Envelope> handler = handlers.get(e.protocol());
                if (handler == null) {
                    counters.undeliverable.incrementAndGet();
                    LOG.debug("{}: dropped message for unserved protocol {}", config.node(), e.protocol());
                    return;
                }
                counters.delivered.incrementAndGet();
                handler.accept(e);
            });
        } catch (RejectedExecutionException ex) {
            counters.undeliverable.incrementAndGet();
            undeliverable.log("{}: the node's loop refused a message for {} (shut down?)", config.node(), e.protocol());
        }
    }

    private OutboundLink link(String peer) {
        OutboundLink link = links.get(peer);
        if (link == null) {
            throw new IllegalArgumentException("no peer '" + peer + "' configured for node " + config.node()
                    + "; add it to TcpNodeConfig.peers");
        }
        return link;
    }

    private void local(String node, String what) {
        if (!node.equals(config.node())) {
            throw new IllegalArgumentException("cannot " + what + " node '" + node + "': this network serves only "
                    + config.node() + " (one TcpClassicalNetwork per node)");
        }
    }

    /** Closes the connections, stops listening and ends the I/O threads; waits up to 10 s for each. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        links.values().forEach(OutboundLink::close);
        // Accepted connections first: disposing of the server waits for them, and a stranger's would hold it
        // until its handshake timed out.
        accepted.close().awaitUninterruptibly(SHUTDOWN.toMillis());
        server.disposeNow(SHUTDOWN);
        loops.disposeLater(Duration.ZERO, SHUTDOWN).block(SHUTDOWN.plusSeconds(1));
    }
}
