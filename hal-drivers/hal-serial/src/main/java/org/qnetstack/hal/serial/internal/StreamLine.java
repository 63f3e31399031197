package org.qnetstack.hal.serial.internal;

/**
 * The unsolicited lines a device streams, and their text form {@code <body>*<CRC16 as 4 upper-case hex
 * digits>}. Driver and emulator both use this one codec, so the two cannot drift apart. Parsing is strict:
 * anything that is not exactly one of these forms with a matching CRC is {@link Corrupt}, because a
 * click report the driver is unsure of must never become a click.
 */
public sealed interface StreamLine {
    /** A click: channel as on the wire (1-based), time tag in ps. */
    record Click(int wireChannel, long ps) implements StreamLine {
    }

    /**
     * No more clicks with time tags before {@code ps} will be sent; {@code count} clicks were sent since
     * the previous watermark (or since acquisition started); {@code total} clicks were sent since the
     * device (re)started. The total is the stream's sequence number: the difference between two watermarks
     * is exactly how many clicks the device sent between them, whatever was lost on the line, so the host
     * can count lost clicks exactly, also across lost watermarks and dropped connections.
     */
    record Watermark(long ps, long count, long total) implements StreamLine {
    }

    /** The device (re)started: its settings are at their defaults and it is not acquiring. */
    record Restart(String text) implements StreamLine {
    }

    /** A line that began like a stream line but is not a valid one. */
    record Corrupt(String line, String reason) implements StreamLine {
    }

    /** Lines of the stream start with this character; replies never do. */
    char PREFIX = '#';

    /** Longest decimal number accepted: 18 digits always fit in a {@code long}. */
    int MAX_DIGITS = 18;

    static String click(int wireChannel, long ps) {
        return seal("#T " + wireChannel + "," + ps);
    }

    static String watermark(long ps, long count, long total) {
        return seal("#W " + ps + "," + count + "," + total);
    }

    static String restart(String text) {
        if (text.indexOf('*') >= 0) {
            throw new IllegalArgumentException("restart text must not contain '*': " + text);
        }
        return seal("#R " + text);
    }

    /** Appends the CRC of the body. */
    static String seal(String body) {
        return body + "*" + String.format("%04X", Crc16.of(body));
    }

    static StreamLine parse(String line) {
        int star = line.lastIndexOf('*');
        if (!line.startsWith("#") || star < 0 || line.length() - star != 5) {
            return new Corrupt(line, "no '*' followed by 4 hex digits of CRC");
        }
        int crc = parseHex4(line, star + 1);
        if (crc < 0) {
            return new Corrupt(line, "CRC is not 4 upper-case hex digits");
        }
        if (crc != Crc16.of(line, 0, star)) {
            return new Corrupt(line, "CRC mismatch");
        }
        if (line.length() < 4 || line.charAt(2) != ' ') {
            return new Corrupt(line, "no space after the line type");
        }
        String payload = line.substring(3, star);
        switch (line.charAt(1)) {
            case 'T': {
                long[] v = numbers(payload, 2);
                if (v == null || v[0] < 1 || v[0] > Integer.MAX_VALUE) {
                    return new Corrupt(line, "a click needs <channel ≥ 1>,<ps>");
                }
                return new Click((int) v[0], v[1]);
            }
            case 'W': {
                long[] v = numbers(payload, 3);
                return v == null ? new Corrupt(line, "a watermark needs <ps>,<count>,<total>")
                        : new Watermark(v[0], v[1], v[2]);
            }
            case 'R':
                return new Restart(payload);
            default:
                return new Corrupt(line, "unknown stream line type '" + line.charAt(1) + "'");
        }
    }

    private static int parseHex4(String s, int from) {
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            char c = s.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Exactly {@code n} comma-separated decimals, or null. */
    private static long @org.jspecify.annotations.Nullable [] numbers(String s, int n) {
        long[] v = new long[n];
        int from = 0;
        for (int i = 0; i < n; i++) {
            int to = i == n - 1 ? s.length() : s.indexOf(',', from);
            if (to < 0) {
                return null;
            }
            v[i] = decimal(s, from, to);
            if (v[i] < 0) {
                return null;
            }
            from = to + 1;
        }
        return v;
    }

    /** A non-negative decimal of 1 to 18 digits, or -1. */
    static long decimal(String s, int from, int to) {
        if (to <= from || to - from > MAX_DIGITS) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
