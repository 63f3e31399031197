package org.qnetstack.hal.serial.internal;

import java.util.function.Consumer;

/**
 * Turns bytes from a line, in whatever pieces they arrive, into text lines. A line ends at LF; one CR
 * right before the LF is dropped, so CRLF and LF endings both work. A line is clean only if every byte
 * is printable ASCII (0x20–0x7E) and it is at most {@link #maxLength} long: anything else is line noise
 * and is handed on marked unclean (with control and high bytes shown as {@code \xNN}) so the receiver
 * can count and log it, never parse it. Over-long lines are cut at the limit and their rest discarded up
 * to the next LF, so a stream of noise cannot grow memory without bound.
 */
public final class LineAssembler {
    /** One received line. */
    public record Line(String text, boolean clean) {
    }

    private final int maxLength;
    private final Consumer<Line> out;
    private final StringBuilder line = new StringBuilder();
    private boolean unclean;
    private boolean overflow;
    private boolean pendingCr;
    private int length;

    public LineAssembler(int maxLength, Consumer<Line> out) {
        this.maxLength = maxLength;
        this.out = out;
    }

    public void feed(byte[] buffer, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            feed(buffer[i]);
        }
    }

    public void feed(byte b) {
        if (b == '\n') {
            pendingCr = false;
            emit();
            return;
        }
        if (pendingCr) {
            append((byte) '\r'); // a CR not followed by LF is noise
            pendingCr = false;
        }
        if (b == '\r') {
            pendingCr = true;
        } else {
            append(b);
        }
    }

    private void append(byte b) {
        length++;
        if (length > maxLength) {
            overflow = true;
            unclean = true;
            return;
        }
        int v = b & 0xFF;
        if (v >= 0x20 && v <= 0x7E) {
            line.append((char) v);
        } else {
            unclean = true;
            line.append(String.format("\\x%02X", v));
        }
    }

    private void emit() {
        String text = overflow ? line + "... (" + length + " bytes, longer than " + maxLength + ")" : line.toString();
        Line l = new Line(text, !unclean);
        reset();
        out.accept(l);
    }

    /** True if part of a line has been received and its end has not. */
    public boolean hasPartial() {
        return length > 0 || pendingCr;
    }

    /**
     * Throws away a partial line (for instance the start of a line the device never finished) and returns
     * it, shown as received, so the caller can count it as noise.
     */
    public String dropPartial() {
        String text = line.toString() + (pendingCr ? "\\x0D" : "");
        reset();
        return text;
    }

    private void reset() {
        line.setLength(0);
        unclean = false;
        overflow = false;
        pendingCr = false;
        length = 0;
    }
}
