package org.qnetstack.examples.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * What the sweep covers and where it writes.
 *
 * @param presets       device presets, one two-node network each
 * @param lengthsKm     link lengths of the length sweep, ascending
 * @param alphas        bright-state populations of the α sweep, ascending
 * @param minFidelity   the length sweep uses the α the link layer picks for this minimum fidelity
 * @param alphaLengthKm link length of the α sweep
 * @param out           the length chart, or null for no charts; the α chart goes beside it ({@link #alphaOut()})
 * @param seed          the networks' seed (the figures are the link model's and do not depend on it)
 * @param json          print one JSON object instead of tables
 * @param config        a network configuration (a file or {@code classpath:RESOURCE}) whose first link is swept,
 *                      with its nodes' devices and the link's fields, instead of the presets; or null
 * @param count         kept pairs the simulator makes at each point of the length sweep to test the model
 *                      (0: the model only)
 */
public record SweepOptions(List<String> presets, List<Double> lengthsKm, List<Double> alphas, double minFidelity,
                           double alphaLengthKm, @Nullable Path out, @Nullable Long seed, boolean json,
                           @Nullable String config, int count) {
    /** The default lengths as given on the command line. */
    public static final String DEFAULT_LENGTHS = "0,2,5,10,20,30,50";
    /** The default α values as given on the command line. */
    public static final String DEFAULT_ALPHAS_TEXT = "0.01,0.02,0.03,0.05,0.07,0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5";
    public static final List<Double> DEFAULT_LENGTHS_KM = numbers(DEFAULT_LENGTHS, "--lengths", 0, Double.MAX_VALUE,
            true);
    public static final List<Double> DEFAULT_ALPHAS = numbers(DEFAULT_ALPHAS_TEXT, "--alphas", 0, 1, false);
    public static final double DEFAULT_MIN_FIDELITY = 0.8;
    /** The bundled two-node network's length. */
    public static final double DEFAULT_ALPHA_LENGTH_KM = 10;

    public SweepOptions {
        presets = List.copyOf(presets);
        lengthsKm = List.copyOf(lengthsKm);
        alphas = List.copyOf(alphas);
    }

    /** Options that sweep the presets. */
    public SweepOptions(List<String> presets, List<Double> lengthsKm, List<Double> alphas, double minFidelity,
                        double alphaLengthKm, @Nullable Path out, @Nullable Long seed, boolean json) {
        this(presets, lengthsKm, alphas, minFidelity, alphaLengthKm, out, seed, json, null, 0);
    }

    /** Every shipped preset, in name order, so presets added later appear without code changes. */
    public static List<String> allPresets() {
        return DeviceParameters.PRESETS.stream().sorted().toList();
    }

    public static SweepOptions defaults() {
        return new SweepOptions(allPresets(), DEFAULT_LENGTHS_KM, DEFAULT_ALPHAS, DEFAULT_MIN_FIDELITY,
                DEFAULT_ALPHA_LENGTH_KM, null, null, false);
    }

    /** The α chart's file: {@code <out without .png>-alpha.png}; null when no chart is written. */
    public @Nullable Path alphaOut() {
        if (out == null) {
            return null;
        }
        String name = out.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(base + "-alpha.png");
    }

    /**
     * Options from their text as given on the command line (null presets: all), checked.
     *
     * @throws IllegalArgumentException naming the option at fault
     */
    public static SweepOptions of(@Nullable String presets, String lengths, String alphas, String minFidelity,
                                  String alphaLength, @Nullable Path out, @Nullable Long seed, boolean json,
                                  @Nullable String config, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("--count must be ≥ 0 (was " + count + ")");
        }
        if (presets != null && config != null) {
            throw new IllegalArgumentException("--presets and --config exclude each other: the sweep covers either "
                    + "the presets or the configured network's first link");
        }
        return new SweepOptions(presets == null ? allPresets() : presets(presets),
                numbers(lengths, "--lengths", 0, Double.MAX_VALUE, true), numbers(alphas, "--alphas", 0, 1, false),
                number(minFidelity, "--min-fidelity", 0, 1), number(alphaLength, "--alpha-length", 0, Double.MAX_VALUE),
                out, seed, json, config, count);
    }

    private static List<String> presets(String text) {
        List<String> known = allPresets();
        List<String> presets = new ArrayList<>();
        for (String p : text.split(",")) {
            String name = p.trim();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--presets: unknown preset '" + name + "' (known: "
                        + String.join(", ", known) + ")");
            }
            if (!presets.contains(name)) {
                presets.add(name);
            }
        }
        return presets;
    }

    private static double number(String text, String option, double low, double high) {
        if (text.contains(",")) {
            throw new IllegalArgumentException(option + " takes one number (was '" + text + "')");
        }
        return numbers(text, option, low, high, true).get(0);
    }

    /** Comma-separated numbers in [low, high] (or (low, high] when the low end is open), sorted, distinct. */
    private static List<Double> numbers(String text, String option, double low, double high, boolean lowIncluded) {
        List<Double> values = new ArrayList<>();
        for (String part : text.split(",")) {
            double v;
            try {
                v = Double.parseDouble(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": expected numbers separated by commas (was '"
                        + text + "')");
            }
            if (!(lowIncluded ? v >= low : v > low) || !(v <= high) || Double.isNaN(v)) {
                String range = (lowIncluded ? "[" : "(") + fmt(low) + ", "
                        + (high == Double.MAX_VALUE ? "∞)" : fmt(high) + "]");
                throw new IllegalArgumentException(option + ": " + part.trim() + " is out of range " + range);
            }
            values.add(v);
        }
        return values.stream().distinct().sorted().toList();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
