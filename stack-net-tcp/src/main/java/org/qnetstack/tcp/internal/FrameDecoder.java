package org.qnetstack.tcp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.qnetstack.hal.log.RateLimitedLog;

/**
 * Splits the byte stream into length-prefixed frames. A length of zero or above the maximum cannot be
 * resynchronised from, so the connection is closed (counted as malformed or oversized); the buffer never
 * grows beyond one maximal frame, whatever the peer announces. Until the peer has authenticated the maximum
 * is a handshake frame's ({@link org.qnetstack.tcp.TcpNodeConfig#handshakeFrameBytes()}); the session raises
 * it to the data frames' ({@link #authenticated}).
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final String local;
    private final Counters counters;
    private final RateLimitedLog refusals;
    private int maxFrameBytes;
    private boolean authenticated;
    private boolean discarding;

    /** @param handshakeFrameBytes the largest frame accepted until {@link #authenticated} */
    public FrameDecoder(String local, int handshakeFrameBytes, Counters counters, RateLimitedLog refusals) {
        this.local = local;
        this.maxFrameBytes = handshakeFrameBytes;
        this.counters = counters;
        this.refusals = refusals;
    }

    /** The peer proved its key: from the next frame on, frames up to {@code maxFrameBytes} are accepted. */
    public void authenticated(int dataFrameBytes) {
        authenticated = true;
        maxFrameBytes = dataFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length == 0 || length > maxFrameBytes) {
            (length == 0 ? counters.malformed : counters.oversized).incrementAndGet();
            refusals.log("{}: closing connection from {}: frame length {} outside 1..{}{}", local,
                    ctx.channel().remoteAddress(), length, maxFrameBytes, authenticated ? "" : " (a handshake's)");
            discarding = true;
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        if (in.readableBytes() < 4 + length) {
            return;
        }
        in.skipBytes(4);
        out.add(in.readRetainedSlice((int) length));
    }
}
