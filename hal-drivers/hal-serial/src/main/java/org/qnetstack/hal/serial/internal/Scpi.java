package org.qnetstack.hal.serial.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SCPI text conventions driver and emulator share: message units and error-queue entries. */
public final class Scpi {
    /** Longest line either side accepts. */
    public static final int MAX_LINE = 2048;

    private static final Pattern ERROR = Pattern.compile("([+-]?\\d{1,6}),\"((?:[^\"]|\"\")*)\"");

    private Scpi() {
    }

    /** An entry of the error queue; code 0 means no error. */
    public record Error(int code, String text) {
        public static final Error NONE = new Error(0, "No error");

        /**
         * Every entry the device's error queue can hold (the module README's table). An entry outside it
         * can only be a garbled one, as can any other entry with code 0.
         */
        public static final Set<Error> KNOWN = Set.of(NONE, new Error(-101, "Invalid character"),
                new Error(-102, "Syntax error"), new Error(-104, "Data type error"),
                new Error(-108, "Parameter not allowed"), new Error(-109, "Missing parameter"),
                new Error(-113, "Undefined header"), new Error(-114, "Header suffix out of range"),
                new Error(-222, "Data out of range"), new Error(-224, "Illegal parameter value"),
                new Error(-350, "Queue overflow"));

        /** A command error (−1xx): the device could not parse what it received. */
        public boolean commandError() {
            return code <= -100 && code > -200;
        }

        /** The reply form, {@code -222,"Data out of range"}. */
        public String format() {
            return code + "," + quote(text);
        }
    }

    /** Splits a message at the {@code ;} that are not inside a double-quoted string. */
    public static List<String> units(String message) {
        List<String> units = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                units.add(message.substring(start, i).trim());
                start = i + 1;
            }
        }
        units.add(message.substring(start).trim());
        return units;
    }

    /** Parses an error-queue entry, or empty if the text is not exactly one. */
    public static Optional<Error> parseError(String unit) {
        Matcher m = ERROR.matcher(unit);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Error(Integer.parseInt(m.group(1)), m.group(2).replace("\"\"", "\"")));
    }

    /** A SCPI string: double quotes around, inner double quotes doubled. */
    public static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
