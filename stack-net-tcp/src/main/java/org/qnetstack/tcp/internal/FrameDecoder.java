package org.qnetstack.tcp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.logging.Logger;

/**
 * Splits the byte stream into length-prefixed frames. A length of zero or above the maximum cannot be
 * resynchronised from, so the connection is closed (counted as malformed or oversized); the buffer never
 * grows beyond one maximal frame, whatever the peer announces.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = Logger.getLogger(FrameDecoder.class.getName());
    private final String local;
    private final int maxFrameBytes;
    private final Counters counters;
    private boolean discarding;

    public FrameDecoder(String local, int maxFrameBytes, Counters counters) {
        this.local = local;
        this.maxFrameBytes = maxFrameBytes;
        this.counters = counters;
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
            LOG.warning(() -> local + ": closing connection from " + ctx.channel().remoteAddress()
                    + ": frame length " + length + " outside 1.." + maxFrameBytes);
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
