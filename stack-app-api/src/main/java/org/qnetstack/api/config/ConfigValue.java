package org.qnetstack.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.qnetstack.hal.ConfigurationException;

/**
 * A value of a configuration document with its path (e.g. {@code links[0].lengthKm}). The typed
 * accessors check the value and throw a {@link ConfigurationException} that names the path, says
 * what was expected and shows the value found.
 *
 * @param path where the value sits in the document; empty for the document itself
 * @param json the value; a missing node if the field is absent
 */
record ConfigValue(String path, JsonNode json) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int MAX_SHOWN_LENGTH = 60;

    static ConfigValue root(JsonNode json) {
        return new ConfigValue("", json);
    }

    /** The path of a field of the map at {@code parent}. */
    static String fieldPath(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    /** The path of an element of the list at {@code parent}. */
    static String elementPath(String parent, int index) {
        return parent + "[" + index + "]";
    }

    // ---- errors

    ConfigurationException error(String reason) {
        return new ConfigurationException(path, reason);
    }

    /** An error for a value that breaks {@code rule}, showing the value. */
    ConfigurationException invalid(String rule) {
        return error(rule + " (was " + shown() + ")");
    }

    /** An error for a value of the wrong type. */
    ConfigurationException expected(String what) {
        return invalid("expected " + what);
    }

    // ---- structure

    /** Whether the field exists and has a value ({@code null} counts as absent). */
    boolean isPresent() {
        return !json.isMissingNode() && !json.isNull();
    }

    /** A field of this map; absent (missing) if there is no such field. */
    ConfigValue field(String name) {
        return new ConfigValue(fieldPath(path, name), json.path(name));
    }

    Optional<ConfigValue> optional(String name) {
        return Optional.of(field(name)).filter(ConfigValue::isPresent);
    }

    ConfigValue required(String name) {
        return optional(name).orElseThrow(() -> field(name).error("required field is missing"));
    }

    ConfigValue requireMap() {
        if (!json.isObject()) {
            throw expected("a map");
        }
        return this;
    }

    /** Checks that this is a map whose fields are all among {@code knownFields}. */
    ConfigValue requireMap(List<String> knownFields) {
        requireMap();
        for (Map.Entry<String, JsonNode> property : json.properties()) {
            if (!knownFields.contains(property.getKey())) {
                throw field(property.getKey()).error("unknown field (known: " + String.join(", ", knownFields) + ")");
            }
        }
        return this;
    }

    List<ConfigValue> elements() {
        if (!json.isArray()) {
            throw expected("a list");
        }
        return IntStream.range(0, json.size())
                .mapToObj(i -> new ConfigValue(elementPath(path, i), json.get(i)))
                .toList();
    }

    /** The fields of this map other than {@code excluded}, each a number or a string, in document order. */
    Map<String, Object> otherFields(Collection<String> excluded) {
        Map<String, Object> others = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : json.properties()) {
            if (!excluded.contains(property.getKey())) {
                others.put(property.getKey(), field(property.getKey()).numberOrText());
            }
        }
        return others;
    }

    // ---- scalars

    String text() {
        if (!json.isTextual()) {
            throw expected("a string");
        }
        return json.textValue();
    }

    /** A name of a node, link, station or preset: non-empty, letters, digits, '_', '.' and '-'. */
    String name() {
        String name = text();
        if (!NAME.matcher(name).matches()) {
            throw invalid("must be a non-empty name of letters, digits, '_', '.' or '-'");
        }
        return name;
    }

    long integer() {
        if (!json.isIntegralNumber()) {
            throw expected("an integer");
        }
        if (!json.canConvertToLong()) {
            throw invalid("must fit in 64 bits");
        }
        return json.longValue();
    }

    /** A whole number from {@code min} to {@code max}. */
    int intIn(int min, int max) {
        long value = integer();
        if (value < min) {
            throw invalid("must be ≥ " + min);
        }
        if (value > max) {
            throw invalid("must be ≤ " + max);
        }
        return (int) value;
    }

    /**
     * A finite number from {@code min} to {@code max}.
     *
     * @param maxMeans what the maximum is, for the message, e.g. {@code "km, the Earth's circumference"}
     */
    double numberIn(double min, double max, String maxMeans) {
        if (!json.isNumber()) {
            throw expected("a number");
        }
        double value = json.doubleValue();
        if (!Double.isFinite(value)) {
            throw invalid("must be finite");
        }
        if (value < min) {
            throw invalid("must be ≥ " + shownBound(min));
        }
        if (value > max) {
            throw invalid("must be ≤ " + shownBound(max) + " " + maxMeans);
        }
        return value;
    }

    private static String shownBound(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /** The value as a {@link Number} or a {@link String}, as kept in the overrides of a spec. */
    Object numberOrText() {
        if (json.isNumber()) {
            return json.numberValue();
        }
        if (json.isTextual()) {
            return json.textValue();
        }
        throw expected("a number or a string");
    }

    /** The value as shown in error messages: strings quoted, lists and maps as compact JSON. */
    String shown() {
        if (json.isTextual()) {
            return "'" + json.textValue() + "'";
        }
        if (json.isArray()) {
            return "a list " + abbreviated(json.toString());
        }
        if (json.isObject()) {
            return "a map " + abbreviated(json.toString());
        }
        return json.isMissingNode() ? "nothing" : json.asText();
    }

    private static String abbreviated(String text) {
        return text.length() <= MAX_SHOWN_LENGTH ? text : text.substring(0, MAX_SHOWN_LENGTH - 1) + "…";
    }
}
