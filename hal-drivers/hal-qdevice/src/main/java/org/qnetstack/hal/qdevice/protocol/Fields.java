package org.qnetstack.hal.qdevice.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Typed, range-checked reads of a frame's fields: each failure names the field and says what was wrong. */
final class Fields {
    /** Names (links, nodes, models) are at most this long. */
    static final int MAX_NAME = 256;
    /** Free-text messages are at most this long. */
    static final int MAX_TEXT = 4096;

    private final JsonNode node;
    private final String where;

    Fields(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    JsonNode required(String field) throws MalformedFrameException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw fail(field, "is missing");
        }
        return v;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    long integer(String field, long min, long max) throws MalformedFrameException {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw fail(field, "must be an integer (was " + v + ")");
        }
        long x = v.longValue();
        if (x < min || x > max) {
            throw fail(field, "must be in [" + min + ", " + max + "] (was " + x + ")");
        }
        return x;
    }

    int smallInt(String field, int min, int max) throws MalformedFrameException {
        return (int) integer(field, min, max);
    }

    double number(String field) throws MalformedFrameException {
        JsonNode v = required(field);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw fail(field, "must be a finite number (was " + v + ")");
        }
        return v.doubleValue();
    }

    boolean bool(String field) throws MalformedFrameException {
        JsonNode v = required(field);
        if (!v.isBoolean()) {
            throw fail(field, "must be true or false (was " + v + ")");
        }
        return v.booleanValue();
    }

    String text(String field, int maxLength) throws MalformedFrameException {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw fail(field, "must be a string (was " + v + ")");
        }
        String s = v.textValue();
        if (s.isEmpty() || s.length() > maxLength) {
            throw fail(field, "must have 1 to " + maxLength + " characters (had " + s.length() + ")");
        }
        return s;
    }

    String name(String field) throws MalformedFrameException {
        return text(field, MAX_NAME);
    }

    <E extends Enum<E>> E constant(String field, Class<E> type) throws MalformedFrameException {
        String s = name(field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw fail(field, "'" + s + "' is not one of " + names(type));
    }

    List<JsonNode> array(String field, int maxLength) throws MalformedFrameException {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw fail(field, "must be an array (was " + v.getNodeType() + ")");
        }
        if (v.size() > maxLength) {
            throw fail(field, "has at most " + maxLength + " elements (had " + v.size() + ")");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    Fields object(String field) throws MalformedFrameException {
        return of(required(field), where + "." + field);
    }

    Fields element(List<JsonNode> array, int index, String field) throws MalformedFrameException {
        return of(array.get(index), where + "." + field + "[" + index + "]");
    }

    static Fields of(JsonNode node, String where) throws MalformedFrameException {
        if (!node.isObject()) {
            throw new MalformedFrameException(where + " must be a JSON object (was " + node.getNodeType() + ")");
        }
        return new Fields(node, where);
    }

    MalformedFrameException fail(String field, String reason) {
        return new MalformedFrameException(where + "." + field + " " + reason);
    }

    /** The wire names of an enum's constants: their Java names, upper case. */
    static <E extends Enum<E>> List<String> names(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(e.name());
        }
        return out;
    }
}
