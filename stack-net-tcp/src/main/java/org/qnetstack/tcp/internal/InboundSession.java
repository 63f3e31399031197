package org.qnetstack.tcp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.crypto.Mac;
import org.jspecify.annotations.Nullable;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.tcp.Malformed;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.tcp.TcpPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of one connection, on its Netty event loop: authenticate the peer (HELLO, CHALLENGE,
 * AUTH, WELCOME), then receive its data frames in sequence, each checked against the session key. Before
 * authentication anything unexpected closes the connection; after it, a frame with a bad HMAC or sequence
 * number closes it (the stream can no longer be trusted), while a well-authenticated frame that does not
 * decode is only dropped (a buggy peer, not a forger). Connections are one-way: each node sends over the
 * connection it dialled and receives over those it accepted.
 *
 * <p>Until the peer authenticates, the connection counts among the node's {@link Handshakes} and its frames
 * are held to a handshake's size; after, the {@link FrameDecoder} takes data frames of the configured size.
 */
public final class InboundSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(InboundSession.class);

    private enum State { AWAIT_HELLO, AWAIT_AUTH, OPEN, CLOSED }

    private final String local;
    private final Map<String, TcpPeer> peers;
    private final Wire wire;
    private final Counters counters;
    private final Duration handshakeTimeout;
    private final Handshakes handshakes;
    private final RateLimitedLog refusals;
    /** Frames dropped from this authenticated peer, rate-limited: a faulty peer may send many. */
    private final RateLimitedLog drops = RateLimitedLog.warnings(LOG);
    private final int dataFrameBytes;
    private final Consumer<Envelope> deliver;
    private boolean inHandshake = true;
    private State state = State.AWAIT_HELLO;
    private @Nullable String peer;
    private byte @Nullable [] key;
    private byte @Nullable [] clientNonce;
    private byte @Nullable [] serverNonce;
    private @Nullable Mac sessionMac;
    private long expectedSeq;
    private @Nullable ScheduledFuture<?> timeout;

    /**
     * @param handshakes     the node's connections in their handshake, this one admitted among them
     * @param dataFrameBytes the largest frame once the peer has authenticated
     */
    public InboundSession(String local, Map<String, TcpPeer> peers, Wire wire, Counters counters,
            Duration handshakeTimeout, Handshakes handshakes, RateLimitedLog refusals, int dataFrameBytes,
            Consumer<Envelope> deliver) {
        this.local = local;
        this.peers = peers;
        this.wire = wire;
        this.counters = counters;
        this.handshakeTimeout = handshakeTimeout;
        this.handshakes = handshakes;
        this.refusals = refusals;
        this.dataFrameBytes = dataFrameBytes;
        this.deliver = deliver;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // However the connection ends, it leaves the handshakes in progress (listeners run on its event loop).
        ctx.channel().closeFuture().addListener(f -> handshakeOver());
        // A stranger that connects and says nothing must not hold the connection forever.
        timeout = ctx.executor().schedule(() -> {
            if (state != State.OPEN && state != State.CLOSED) {
                refuse(ctx, counters.authFailures, "did not authenticate within " + handshakeTimeout);
            }
        }, handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (state == State.CLOSED) {
                return;
            }
            byte type = frame.readByte();
            switch (state) {
                case AWAIT_HELLO -> expect(ctx, type, Wire.HELLO, () -> hello(ctx, frame));
                case AWAIT_AUTH -> expect(ctx, type, Wire.AUTH, () -> auth(ctx, frame));
                case OPEN -> expect(ctx, type, Wire.DATA, () -> data(ctx, frame));
                default -> throw new IllegalStateException(state.name());
            }
        } finally {
            frame.release();
        }
    }

    private interface Step {
        void run() throws Malformed;
    }

    private void expect(ChannelHandlerContext ctx, byte type, byte wanted, Step step) {
        if (type != wanted) {
            refuse(ctx, counters.malformed, "frame type " + type + " while expecting " + wanted);
            return;
        }
        try {
            step.run();
        } catch (Malformed e) {
            refuse(ctx, counters.malformed, e.getMessage());
        }
    }

    private void hello(ChannelHandlerContext ctx, ByteBuf frame) throws Malformed {
        Wire.Hello hello = wire.decode(Wire.rest(frame), Wire.Hello.class);
        if (hello.client() == null || hello.server() == null || hello.nonce() == null
                || hello.nonce().length != Keys.NONCE_BYTES) {
            throw new Malformed("HELLO lacks a client, server or " + Keys.NONCE_BYTES + "-byte nonce");
        }
        TcpPeer p = peers.get(hello.client());
        if (p == null || !hello.server().equals(local)) {
            refuse(ctx, counters.authFailures, "HELLO from unknown node '" + hello.client() + "' for '"
                    + hello.server() + "'");
            return;
        }
        peer = hello.client();
        key = p.key();
        clientNonce = hello.nonce();
        serverNonce = Keys.nonce();
        state = State.AWAIT_AUTH;
        ctx.writeAndFlush(Wire.frame(ctx.alloc(), Wire.CHALLENGE, wire.json(new Wire.Challenge(serverNonce))));
    }

    private void auth(ChannelHandlerContext ctx, ByteBuf frame) throws Malformed {
        Wire.Proof proof = wire.decode(Wire.rest(frame), Wire.Proof.class);
        String client = peer;
        byte[] k = key;
        byte[] nc = clientNonce;
        byte[] ns = serverNonce;
        if (client == null || k == null || nc == null || ns == null) {
            throw new IllegalStateException("AUTH state without HELLO");
        }
        if (proof.mac() == null || !Keys.same(proof.mac(), Keys.clientProof(k, client, local, nc, ns))) {
            refuse(ctx, counters.authFailures, "node '" + client + "' failed to prove the pre-shared key");
            return;
        }
        sessionMac = Keys.mac(Keys.sessionKey(k, client, local, nc, ns));
        state = State.OPEN;
        cancelTimeout();
        handshakeOver();
        FrameDecoder frames = ctx.pipeline().get(FrameDecoder.class);
        if (frames != null) {
            frames.authenticated(dataFrameBytes);
        }
        ctx.writeAndFlush(Wire.frame(ctx.alloc(), Wire.WELCOME,
                wire.json(new Wire.Proof(Keys.serverProof(k, client, local, nc, ns)))));
        LOG.debug("{}: accepted authenticated connection from {}", local, client);
    }

    private void data(ChannelHandlerContext ctx, ByteBuf frame) throws Malformed {
        Mac mac = sessionMac;
        if (mac == null || frame.readableBytes() < 8 + Keys.MAC_BYTES) {
            refuse(ctx, counters.integrityFailures, "data frame too short for sequence number and HMAC");
            return;
        }
        long seq = frame.readLong();
        byte[] tag = new byte[Keys.MAC_BYTES];
        frame.readBytes(tag);
        byte[] json = Wire.rest(frame);
        mac.update(ByteBuffer.allocate(8).putLong(0, seq));
        mac.update(json);
        if (!Keys.same(tag, mac.doFinal()) || seq != expectedSeq) {
            refuse(ctx, counters.integrityFailures, "data frame " + seq + " (expected " + expectedSeq
                    + ") from '" + peer + "' failed the integrity check");
            return;
        }
        expectedSeq++;
        counters.received.incrementAndGet();
        Envelope e;
        try {
            e = wire.decodeEnvelope(json);
        } catch (Malformed m) {
            drop(m.getMessage());
            return;
        }
        if (!e.from().equals(peer) || !e.to().equals(local)) {
            drop("envelope claims " + e.from() + " → " + e.to() + " on the connection of " + peer + " → " + local);
            return;
        }
        deliver.accept(e);
    }

    /** An authenticated peer sent something unusable: drop it, keep the connection. */
    private void drop(String reason) {
        counters.malformed.incrementAndGet();
        drops.log("{}: dropped a frame from '{}': {}", local, peer, reason);
    }

    private void refuse(ChannelHandlerContext ctx, AtomicLong counter, String reason) {
        counter.incrementAndGet();
        refusals.log("{}: closing connection from {}: {}", local, ctx.channel().remoteAddress(), reason);
        state = State.CLOSED;
        cancelTimeout();
        ctx.close();
    }

    private void handshakeOver() {
        if (inHandshake) {
            inHandshake = false;
            handshakes.over();
        }
    }

    private void cancelTimeout() {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
            timeout = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        state = State.CLOSED;
        cancelTimeout();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and similar I/O errors are the ordinary end of a connection, not an attack.
        LOG.debug("{}: connection from {} failed", local, ctx.channel().remoteAddress(), cause);
        state = State.CLOSED;
        cancelTimeout();
        ctx.close();
    }
}
