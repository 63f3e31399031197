package org.qnetstack.hal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the quantities used in configuration files: durations such as {@code 1.5s}, {@code 500 us},
 * {@code 3.7µs} or a bare number of nanoseconds.
 */
public final class Quantities {
    private static final Pattern DURATION =
            Pattern.compile("\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(ns|us|µs|ms|s|min|h)?\\s*");

    private Quantities() {
    }

    /**
     * Nanoseconds in a duration given as a number (nanoseconds) or as text with a unit
     * (ns, us or µs, ms, s, min, h). Infinity is allowed as {@code inf} and returns {@code Double.POSITIVE_INFINITY}.
     *
     * @throws IllegalArgumentException with a message saying what is accepted
     */
    public static double durationNanos(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("inf") || t.equals("infinity")) {
                return Double.POSITIVE_INFINITY;
            }
            Matcher m = DURATION.matcher(t);
            if (m.matches()) {
                double number = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "ns" : m.group(2);
                return number * switch (unit) {
                    case "ns" -> 1.0;
                    case "us", "µs" -> 1e3;
                    case "ms" -> 1e6;
                    case "s" -> 1e9;
                    case "min" -> 60e9;
                    case "h" -> 3600e9;
                    default -> throw new IllegalStateException(unit);
                };
            }
        }
        throw new IllegalArgumentException("expected a duration such as 1.5s, 500us, 20ns or a number of ns (was '"
                + value + "')");
    }
}
