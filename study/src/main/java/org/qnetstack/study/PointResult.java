package org.qnetstack.study;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one point gave: its figures, or the error it kept failing with after {@code attempts} tries. Carries no
 * wall-clock time, so the results of a study are the same file wherever and however it ran.
 *
 * @param values the task's figures in its order (empty when failed)
 * @param error the last attempt's error, type and message, or null when the point succeeded
 */
public record PointResult(StudyPoint point, Map<String, Object> values, int attempts, @Nullable String error)
        implements Serializable {
    public PointResult {
        Objects.requireNonNull(point, "point");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be ≥ 1 (was " + attempts + ")");
        }
    }

    /** Whether the point succeeded. */
    public boolean ok() {
        return error == null;
    }

    /** A figure as a number. @throws IllegalArgumentException if there is no such numeric figure */
    public double number(String name) {
        if (values.get(name) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("point " + point.index() + " has no numeric figure '" + name
                + "' (figures: " + values.keySet() + (ok() ? "" : "; it failed: " + error) + ")");
    }
}
