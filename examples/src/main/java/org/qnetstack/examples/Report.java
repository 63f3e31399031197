package org.qnetstack.examples;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;
import org.qnetstack.apps.stages.Proportion;

/**
 * How the examples print a result: a table of its figures, or one JSON object (lowerCamelCase, the record's
 * fields in order). A figure that does not exist (NaN: e.g. Cascade's efficiency when the run aborted before
 * Cascade) is {@code null} in JSON and "—" in the table, with {@link #why} saying why where it is known.
 */
public final class Report {
    /** Non-finite numbers are written as {@code null}: JSON has no NaN, and "NaN" as a string misleads. */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule("finite")
            .addSerializer(Double.class, new FiniteOrNull())
            .addSerializer(double.class, new FiniteOrNull()));

    private Report() {
    }

    /** The result as one JSON object, with the configuration (if any) as its last field. */
    public static String toJson(Record result, @Nullable Configuration configuration) {
        ObjectNode node = JSON.valueToTree(result);
        if (configuration != null) {
            node.set("configuration", JSON.valueToTree(configuration));
        }
        return write(node);
    }

    public static String toJson(Record result) {
        return toJson(result, null);
    }

    /** Any value as JSON, with non-finite numbers as null. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /**
     * The result's figures, one per line under a heading; a missing figure (NaN) as "—" with the reason from
     * {@code why} when it has one.
     */
    public static String table(String title, Record result, Map<String, String> why) {
        StringBuilder b = new StringBuilder("== ").append(title).append(" ==\n");
        for (RecordComponent c : result.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(result);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String text = v instanceof Double d ? (Double.isNaN(d) ? "—" : format(d))
                    : v instanceof Proportion p ? proportion(p) : String.valueOf(v);
            String note = why.get(c.getName());
            if (note != null && (!(v instanceof Double d) || Double.isNaN(d) || d < 0)) {
                text += "  (" + note + ")";
            }
            b.append(String.format(Locale.ROOT, "  %-28s %s%n", c.getName(), text));
        }
        return b.toString();
    }

    public static String table(String title, Record result) {
        return table(title, result, Map.of());
    }

    /** A proportion as "events/trials = estimate [low, high]". */
    public static String proportion(Proportion p) {
        return String.format(Locale.ROOT, "%d/%d = %.4f [%.4f, %.4f]", p.events(), p.trials(), p.estimate(), p.low(),
                p.high());
    }

    static String format(double d) {
        return Math.abs(d) >= 1e-3 || d == 0 ? String.format(Locale.ROOT, "%.4f", d)
                : String.format(Locale.ROOT, "%.3e", d);
    }

    /** A number as written by a person: 10, 0.95, 2.5. */
    public static String number(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }

    private static final class FiniteOrNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }
}
