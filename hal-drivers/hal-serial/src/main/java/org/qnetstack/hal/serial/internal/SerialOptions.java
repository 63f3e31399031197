package org.qnetstack.hal.serial.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@code serial:} URI says: the port and how long to wait for what. Every wait of the driver is
 * bounded by one of these; each has a default, and unknown or malformed parameters are rejected rather
 * than ignored, so a typo cannot silently leave a default in force.
 *
 * @param port       the device path ({@code /dev/ttyUSB0}) or port name ({@code COM3})
 * @param baud       line speed in baud
 * @param timeout    longest wait for one reply line, and for a started line to be finished
 * @param retries    times a command is resent after a timeout or an unrecognised reply (commands are
 *                   idempotent, so resending is safe)
 * @param heartbeat  longest silence (no watermark) tolerated while armed before the device is
 *                   presumed reset or gone and is reconnected
 * @param reconnect  how long to keep trying to reopen a lost device before giving up for good
 * @param backoff    first pause between reconnection attempts; it doubles up to {@link #MAX_BACKOFF}
 */
public record SerialOptions(String port, int baud, Duration timeout, int retries, Duration heartbeat,
                            Duration reconnect, Duration backoff) {
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    public static final String SCHEME = "serial";

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("baud", "115200");
        DEFAULTS.put("timeout", "1000");
        DEFAULTS.put("retries", "1");
        DEFAULTS.put("heartbeat", "2000");
        DEFAULTS.put("reconnect", "10000");
        DEFAULTS.put("backoff", "50");
    }

    /** The parameters and their defaults (durations in ms), for documentation and error messages. */
    public static Map<String, String> defaults() {
        return Map.copyOf(DEFAULTS);
    }

    public static SerialOptions parse(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a serial: URI: " + uri);
        }
        // serial:/dev/ttyUSB0?baud=... is hierarchical, serial:COM3?baud=... is opaque: read both the same way.
        String ssp = uri.getRawSchemeSpecificPart();
        int q = ssp.indexOf('?');
        String port = decode(q < 0 ? ssp : ssp.substring(0, q));
        if (port.startsWith("//")) {
            throw new IllegalArgumentException("serial URI takes a path, not an authority: write serial:/dev/ttyX, not "
                    + uri);
        }
        if (port.isBlank()) {
            throw new IllegalArgumentException("serial URI names no port: " + uri);
        }
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        if (q >= 0 && q + 1 < ssp.length()) {
            for (String pair : ssp.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (!DEFAULTS.containsKey(key)) {
                    throw new IllegalArgumentException("unknown parameter '" + key + "' in " + uri + " (known: "
                            + String.join(", ", DEFAULTS.keySet()) + ")");
                }
                if (eq < 0) {
                    throw new IllegalArgumentException("parameter '" + key + "' in " + uri + " has no value");
                }
                values.put(key, decode(pair.substring(eq + 1)));
            }
        }
        return new SerialOptions(port,
                (int) number(uri, values, "baud", 1, 10_000_000),
                Duration.ofMillis(number(uri, values, "timeout", 1, 600_000)),
                (int) number(uri, values, "retries", 0, 10),
                Duration.ofMillis(number(uri, values, "heartbeat", 1, 3_600_000)),
                Duration.ofMillis(number(uri, values, "reconnect", 0, 3_600_000)),
                Duration.ofMillis(number(uri, values, "backoff", 1, 60_000)));
    }

    private static long number(URI uri, Map<String, String> values, String key, long min, long max) {
        String text = values.get(key);
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + key + "' in " + uri + " must be a whole number"
                    + (key.equals("baud") || key.equals("retries") ? "" : " of milliseconds") + " (was '" + text + "')");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("parameter '" + key + "' in " + uri + " must be in [" + min + ", " + max
                    + "] (was " + v + ")");
        }
        return v;
    }

    /**
     * Undoes a URI's percent-encoding ({@code %20} is a space) and nothing else: a {@code +} is a plus, as
     * in a device path such as {@code /dev/serial/by-id/usb-FTDI+1}. (Form decoding, which turns {@code +}
     * into a space, is for HTML forms, not URIs.)
     */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (c == '%') {
                int v = i + 2 < s.length() ? hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)) : -1;
                if (v < 0) {
                    throw new IllegalArgumentException("bad percent escape at " + i + " in '" + s + "'");
                }
                bytes.write(v);
                i += 2;
            } else {
                byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(c) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        int d = Character.digit(c, 16);
        return d < 0 ? -1000 : d;
    }
}
