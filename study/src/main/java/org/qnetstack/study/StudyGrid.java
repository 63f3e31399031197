package org.qnetstack.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The points of a study: every configuration × every combination of the varied fields' values × every seed,
 * in that nesting order (configuration outermost, seeds innermost). Immutable: each method returns a new grid.
 *
 * <pre>{@code
 * StudyGrid grid = StudyGrid.of("classpath:networks/chain-generic.yaml")
 *         .vary("links[0].lengthKm", 5, 10, 20, 40)
 *         .seeds(1, 50);                       // seeds 1..50: 4 × 50 = 200 points
 * }</pre>
 */
public final class StudyGrid {
    /** More points than this is a mistake in the grid's definition rather than a study one could wait for. */
    public static final int MAX_POINTS = 10_000_000;

    private final List<String> configurations;
    private final Map<String, List<String>> varied;
    private final long[] seeds;

    private StudyGrid(List<String> configurations, Map<String, List<String>> varied, long[] seeds) {
        this.configurations = configurations;
        this.varied = varied;
        this.seeds = seeds;
    }

    /**
     * A grid over these network configurations (file paths or {@code classpath:RESOURCE}), each with the seed
     * it declares until {@link #seeds} says otherwise.
     */
    public static StudyGrid of(String... configurations) {
        if (configurations.length == 0) {
            throw new IllegalArgumentException("a study needs at least one configuration");
        }
        for (String c : configurations) {
            Objects.requireNonNull(c, "configurations must not contain null");
        }
        return new StudyGrid(List.of(configurations), Map.of(), new long[0]);
    }

    /**
     * The same grid with one more field varied over these values (numbers, or strings as they would be written
     * in the YAML file, such as {@code 1.5s} or {@code nv-2022}). Varying a field again replaces its values.
     */
    public StudyGrid vary(String path, Object... values) {
        Objects.requireNonNull(path, "path");
        if (values.length == 0) {
            throw new IllegalArgumentException("vary(" + path + ", …) needs at least one value");
        }
        List<String> text = new ArrayList<>();
        for (Object v : values) {
            text.add(format(Objects.requireNonNull(v, () -> "vary(" + path + ", …) got a null value")));
        }
        new Setting(path, text.get(0)); // validates the path
        Map<String, List<String>> next = new LinkedHashMap<>(varied);
        next.put(path, List.copyOf(text));
        return new StudyGrid(configurations, next, seeds);
    }

    /** The same grid with these seeds (every point is run once per seed). */
    public StudyGrid seeds(long... seeds) {
        if (seeds.length == 0) {
            throw new IllegalArgumentException("seeds(…) needs at least one seed");
        }
        return new StudyGrid(configurations, varied, seeds.clone());
    }

    /** The same grid with the {@code count} consecutive seeds {@code first, first + 1, …}. */
    public StudyGrid seeds(long first, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("seeds(first, count): count must be ≥ 1 (was " + count + ")");
        }
        long[] s = new long[count];
        for (int i = 0; i < count; i++) {
            s[i] = first + i;
        }
        return new StudyGrid(configurations, varied, s);
    }

    /** How many points the grid has. */
    public long size() {
        long n = configurations.size() * (long) Math.max(1, seeds.length);
        for (List<String> values : varied.values()) {
            n = Math.multiplyExact(n, values.size());
        }
        return n;
    }

    /**
     * Every point, in the grid's order. A point without explicit seeds takes {@code Long.MIN_VALUE} as its seed,
     * which {@link PointRunner} reads as "the configuration's own seed".
     *
     * @throws IllegalArgumentException if the grid has more than {@link #MAX_POINTS} points
     */
    public List<StudyPoint> points() {
        if (size() > MAX_POINTS) {
            throw new IllegalArgumentException("the grid has " + size() + " points, more than " + MAX_POINTS
                    + ": split the study");
        }
        List<StudyPoint> points = new ArrayList<>((int) size());
        List<Map.Entry<String, List<String>>> dims = List.copyOf(varied.entrySet());
        long[] runSeeds = seeds.length == 0 ? new long[] {PointRunner.CONFIGURED_SEED} : seeds;
        for (String configuration : configurations) {
            int[] at = new int[dims.size()];
            do {
                List<Setting> settings = new ArrayList<>(dims.size());
                for (int d = 0; d < dims.size(); d++) {
                    settings.add(new Setting(dims.get(d).getKey(), dims.get(d).getValue().get(at[d])));
                }
                for (long seed : runSeeds) {
                    points.add(new StudyPoint(points.size(), configuration, settings, seed));
                }
            } while (advance(at, dims));
        }
        return List.copyOf(points);
    }

    /** Odometer step over the varied fields' values, last field fastest; false once every combination is done. */
    private static boolean advance(int[] at, List<Map.Entry<String, List<String>>> dims) {
        for (int d = at.length - 1; d >= 0; d--) {
            if (++at[d] < dims.get(d).getValue().size()) {
                return true;
            }
            at[d] = 0;
        }
        return false;
    }

    private static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return size() + " points: " + configurations + " × " + varied + " × seeds " + Arrays.toString(seeds);
    }
}
