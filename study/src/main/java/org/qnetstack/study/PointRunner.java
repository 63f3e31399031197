package org.qnetstack.study;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qnetstack.api.InvalidConfigurationException;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.study.internal.ConfigurationOverrides;

/**
 * Runs one point, the same way on every executor: makes its network, runs the task, checks the figures, and
 * tries again when the run throws. A configuration error is not tried again (it would fail the same way).
 */
public final class PointRunner {
    /** The seed of a point that keeps its configuration's own seed. */
    public static final long CONFIGURED_SEED = Long.MIN_VALUE;

    private PointRunner() {
    }

    /** The point's network: its configuration with its fields changed and its seed set. */
    public static PlatformSpec network(StudyPoint point) {
        PlatformSpec spec = ConfigurationOverrides.network(point.configuration(), point.settings());
        return point.seed() == CONFIGURED_SEED ? spec : NetworkConfig.withSeed(spec, point.seed());
    }

    /**
     * Runs the point, up to {@code maxAttempts} times while it throws.
     *
     * @throws IllegalArgumentException if maxAttempts is below 1
     */
    public static PointResult run(StudyPoint point, StudyTask task, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be ≥ 1 (was " + maxAttempts + ")");
        }
        String error = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                Map<String, ?> values = task.run(point, network(point));
                return new PointResult(point, checked(values), attempt, null);
            } catch (ConfigurationException | InvalidConfigurationException e) {
                return new PointResult(point, Map.of(), attempt, describe(e));
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return new PointResult(point, Map.of(), attempt, describe(e));
                }
                error = describe(e);
            }
        }
        return new PointResult(point, Map.of(), maxAttempts, error);
    }

    private static Map<String, Object> checked(Map<String, ?> values) {
        if (values == null) {
            throw new IllegalStateException("the study task returned null instead of its figures");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            if (v instanceof Double || v instanceof Long || v instanceof String || v instanceof Boolean) {
                out.put(name, v);
            } else if (v instanceof Float || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                out.put(name, v instanceof Float ? (Object) ((Number) v).doubleValue() : (Object) ((Number) v).longValue());
            } else {
                throw new IllegalStateException("figure '" + name + "' is a " + (v == null ? "null" : v.getClass().getName())
                        + "; a study figure is a number, a string or a boolean");
            }
        });
        return out;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
