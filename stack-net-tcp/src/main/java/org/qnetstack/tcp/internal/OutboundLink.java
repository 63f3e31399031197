package org.qnetstack.tcp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import org.jspecify.annotations.Nullable;
import org.qnetstack.tcp.Malformed;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.tcp.TcpNodeConfig;
import org.qnetstack.tcp.TcpPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.netty.Connection;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;

/**
 * The local node's sending side towards one peer: dials it, proves the pair's key and checks the peer's
 * proof, then writes data frames in order with consecutive sequence numbers. While the peer is
 * unreachable, messages wait in a bounded queue (overflow is dropped and counted) and the link redials
 * with exponential backoff, starting again from the initial wait after each successful handshake.
 * Messages written to a connection that then breaks are lost, as the classical network's contract allows.
 */
public final class OutboundLink {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundLink.class);
    private final String local;
    private final String peerName;
    private final TcpPeer peer;
    private final TcpNodeConfig config;
    private final Wire wire;
    private final Counters counters;
    private final RateLimitedLog refusals;
    /** This link's own warnings (dropped messages, failed handshakes), rate-limited: a peer that stays away or
     * answers wrongly is redialled again and again. */
    private final RateLimitedLog warnings = RateLimitedLog.warnings(LOG);
    private final EventLoopGroup timers;
    private final TcpClient client;
    private final Object lock = new Object();
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private @Nullable Channel channel;
    private @Nullable Mac sessionMac;
    private long seq;
    private int failures;
    private volatile boolean closed;
    private @Nullable Disposable connecting;
    private io.netty.util.concurrent.@Nullable ScheduledFuture<?> retry;

    public OutboundLink(String local, String peerName, TcpPeer peer, TcpNodeConfig config, Wire wire,
            Counters counters, RateLimitedLog refusals, LoopResources loops) {
        this.local = local;
        this.peerName = peerName;
        this.peer = peer;
        this.config = config;
        this.wire = wire;
        this.counters = counters;
        this.refusals = refusals;
        this.timers = loops.onClient(false);
        this.client = TcpClient.newConnection()
                .host(peer.host())
                .port(peer.port())
                .runOn(loops, false)
                .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, config.handshakeTimeout().toMillis()))
                // The accepting side only ever sends handshake frames on this connection.
                .doOnConnected(c -> c.addHandlerLast("qnet-frames",
                                new FrameDecoder(local, config.handshakeFrameBytes(), counters, refusals))
                        .addHandlerLast("qnet-outbound", new Session()));
    }

    public void start() {
        connect();
    }

    public boolean isOpen() {
        synchronized (lock) {
            return sessionMac != null;
        }
    }

    /** Sends the JSON of one envelope now, or queues it until the peer is reachable. */
    public void send(byte[] json) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the TCP classical network of " + local + " is closed; start a new one");
            }
            if (sessionMac != null && channel != null) {
                write(json);
            } else if (pending.size() < config.maxPending()) {
                pending.add(json);
            } else {
                counters.unsent.incrementAndGet();
                warnings.log("{}: dropped a message for unreachable peer '{}': {} already waiting", local, peerName,
                        config.maxPending());
            }
        }
    }

    private void write(byte[] json) {
        Mac mac = sessionMac;
        Channel ch = channel;
        if (mac == null || ch == null) {
            throw new IllegalStateException("write without an open session");
        }
        byte[] s = ByteBuffer.allocate(8).putLong(seq++).array();
        mac.update(s);
        mac.update(json);
        // Netty queues writes from other threads in submission order, and the lock orders submissions.
        ch.writeAndFlush(Wire.frame(ch.alloc(), Wire.DATA, s, mac.doFinal(), json), ch.voidPromise());
        counters.sent.incrementAndGet();
    }

    private void connect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            counters.connectAttempts.incrementAndGet();
            connecting = client.connect().subscribe(this::connected, this::failed);
        }
    }

    private void connected(Connection c) {
        // The inbound side must be subscribed for Reactor Netty to keep reading the handshake replies.
        c.inbound().receive().then().subscribe(null, e -> { });
        c.onDispose(this::disconnected);
    }

    private void failed(Throwable e) {
        LOG.debug("{}: cannot reach '{}' at {}:{}", local, peerName, peer.host(), peer.port(), e);
        scheduleReconnect();
    }

    private void disconnected() {
        synchronized (lock) {
            channel = null;
            sessionMac = null;
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            long delay = backoffNanos(config.initialBackoff(), config.maxBackoff(), failures++);
            try {
                retry = timers.schedule(this::connect, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("{}: event loop gone, not redialling '{}'", local, peerName);
            }
        }
    }

    /** initial · 2^failures, capped at max (and safe from overflow however long the peer stays away). */
    static long backoffNanos(Duration initial, Duration max, int failures) {
        long cap = max.toNanos();
        long d = initial.toNanos();
        for (int i = 0; i < failures && d < cap; i++) {
            d *= 2;
        }
        return Math.min(d, cap);
    }

    private void opened(Channel ch, byte[] sessionKey) {
        synchronized (lock) {
            channel = ch;
            sessionMac = Keys.mac(sessionKey);
            seq = 0;
            failures = 0;
            counters.connections.incrementAndGet();
            while (!pending.isEmpty()) {
                write(pending.poll());
            }
        }
        LOG.debug("{}: connected to '{}'", local, peerName);
    }

    public void close() {
        Channel ch;
        synchronized (lock) {
            closed = true;
            pending.clear();
            if (retry != null) {
                retry.cancel(false);
            }
            if (connecting != null) {
                connecting.dispose();
            }
            ch = channel;
            channel = null;
            sessionMac = null;
        }
        if (ch != null) {
            ch.close().awaitUninterruptibly(config.handshakeTimeout().toMillis());
        }
    }

    /** The dialling side of the handshake on one connection, then silent: this connection only sends. */
    private final class Session extends ChannelInboundHandlerAdapter {
        private final byte[] clientNonce = Keys.nonce();
        private byte @Nullable [] serverNonce;
        private boolean open;
        private boolean refused;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(Wire.frame(ctx.alloc(), Wire.HELLO,
                        wire.json(new Wire.Hello(local, peerName, clientNonce))));
            }
            // Something that accepts TCP but never answers must not stall the link: drop it and redial.
            ctx.executor().schedule(() -> {
                if (!open && !refused && ctx.channel().isActive()) {
                    refused = true;
                    counters.authFailures.incrementAndGet();
                    warnings.log("{}: '{}' did not complete the handshake within {}; redialling", local, peerName,
                            config.handshakeTimeout());
                    ctx.close();
                }
            }, config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                byte type = frame.readByte();
                if (type == Wire.CHALLENGE && serverNonce == null) {
                    Wire.Challenge c = wire.decode(Wire.rest(frame), Wire.Challenge.class);
                    if (c.nonce() == null || c.nonce().length != Keys.NONCE_BYTES) {
                        throw new Malformed("CHALLENGE lacks a " + Keys.NONCE_BYTES + "-byte nonce");
                    }
                    serverNonce = c.nonce();
                    ctx.writeAndFlush(Wire.frame(ctx.alloc(), Wire.AUTH, wire.json(new Wire.Proof(
                            Keys.clientProof(peer.key(), local, peerName, clientNonce, c.nonce())))));
                } else if (type == Wire.WELCOME && serverNonce != null && !open) {
                    Wire.Proof p = wire.decode(Wire.rest(frame), Wire.Proof.class);
                    byte[] k = peer.key();
                    if (p.mac() == null || !Keys.same(p.mac(),
                            Keys.serverProof(k, local, peerName, clientNonce, serverNonce))) {
                        refused = true;
                        counters.authFailures.incrementAndGet();
                        warnings.log("{}: '{}' at {} failed to prove the pre-shared key; closing", local, peerName,
                                ctx.channel().remoteAddress());
                        ctx.close();
                        return;
                    }
                    open = true;
                    opened(ctx.channel(), Keys.sessionKey(k, local, peerName, clientNonce, serverNonce));
                } else {
                    throw new Malformed("unexpected frame type " + type + " from the accepting side");
                }
            } catch (Malformed e) {
                refused = true;
                counters.malformed.incrementAndGet();
                warnings.log("{}: closing connection to '{}': {}", local, peerName, e.getMessage());
                ctx.close();
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!open && !refused && !closed) {
                // The peer hung up mid-handshake: it did not accept our name or key.
                counters.authFailures.incrementAndGet();
                warnings.log("{}: '{}' closed the connection during the handshake (wrong key or unknown to it?)",
                        local, peerName);
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{}: connection to '{}' failed", local, peerName, cause);
            ctx.close();
        }
    }
}
