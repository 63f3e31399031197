package org.qnetstack.study;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One point of a study: which configuration, with which fields changed, under which seed. Its {@code index}
 * is its place in the grid, which orders the results whatever order the points ran in.
 *
 * @param configuration a file path or {@code classpath:RESOURCE}, as the examples take it
 */
public record StudyPoint(int index, String configuration, List<Setting> settings, long seed) implements Serializable {
    public StudyPoint {
        Objects.requireNonNull(configuration, "configuration");
        settings = List.copyOf(settings);
        if (index < 0) {
            throw new IllegalArgumentException("index must be ≥ 0 (was " + index + ")");
        }
    }

    /** The value of the setting with this path, or null if the point does not set it. */
    public @Nullable String setting(String path) {
        for (Setting s : settings) {
            if (s.path().equals(path)) {
                return s.value();
            }
        }
        return null;
    }
}
