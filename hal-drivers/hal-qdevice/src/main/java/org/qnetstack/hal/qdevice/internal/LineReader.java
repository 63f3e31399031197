package org.qnetstack.hal.qdevice.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream into the protocol's frames: lines ended by '\n' (a '\r' before it is dropped, for
 * peers that write CRLF), at most {@code maxFrameBytes} long with the newline. An oversize line is skipped
 * to its newline, so the stream stays in step, and reported as {@link Line#oversize()}; bytes that are not
 * UTF-8 are reported as {@link Line#notUtf8()}. Not thread-safe: one reader thread per stream.
 */
public final class LineReader {
    private final InputStream in;
    private final int maxFrameBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LineReader(InputStream in, int maxFrameBytes) {
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The next frame, or null at the end of the stream (a last line without newline is dropped). */
    public @Nullable Line next() throws IOException {
        line.reset();
        boolean oversize = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return null;
                }
            }
            byte b = buffer[position++];
            if (b == '\n') {
                if (oversize) {
                    return new Line(null, true, false);
                }
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                try {
                    String text = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
                    return new Line(text, false, false);
                } catch (CharacterCodingException e) {
                    return new Line(null, false, true);
                }
            }
            if (!oversize) {
                if (line.size() + 1 >= maxFrameBytes) { // with its newline the frame would exceed the limit
                    oversize = true;
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }

    /** One frame's text, or why there is none. */
    public record Line(@Nullable String text, boolean oversize, boolean notUtf8) {
    }
}
