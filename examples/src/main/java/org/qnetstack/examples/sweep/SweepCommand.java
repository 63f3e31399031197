package org.qnetstack.examples.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.qnetstack.examples.Configuration;
import org.qnetstack.examples.Progress;
import org.qnetstack.examples.Report;
import org.qnetstack.examples.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code sweep} subcommand: runs the {@link Sweep}, prints it as tables (or one JSON object with
 * {@code --json}), and writes the two PNG charts where {@code --out} says (none without it).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Fidelity and pair rate against link length and against α for each device preset, from the "
                + "link model the stack plans with: a table (or --json), and two PNG charts with --out."})
public final class SweepCommand implements Callable<Integer> {
    /** Pairs sampled per point by default: a binomial error of about 7% on p. */
    static final int DEFAULT_COUNT = 200;

    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandSpec spec;

    @Option(names = "--presets", paramLabel = "A,B", description = "device presets, comma-separated (default: every shipped preset; "
            + "an unknown name lists them)")
    @Nullable String presets;

    @Option(names = "--lengths", paramLabel = "KM,...", defaultValue = SweepOptions.DEFAULT_LENGTHS,
            description = "link lengths in km (default: ${DEFAULT-VALUE})")
    String lengths;

    @Option(names = "--alphas", paramLabel = "A,...", defaultValue = SweepOptions.DEFAULT_ALPHAS_TEXT,
            description = "α values of the α sweep (default: ${DEFAULT-VALUE})")
    String alphas;

    @Option(names = "--alpha-length", paramLabel = "KM", defaultValue = "10",
            description = "link length of the α sweep in km (default: ${DEFAULT-VALUE})")
    String alphaLength;

    @Option(names = "--min-fidelity", paramLabel = "F", defaultValue = "0.8",
            description = "the length sweep uses the α the link layer picks for F (default: ${DEFAULT-VALUE})")
    String minFidelity;

    @Option(names = "--out", paramLabel = "FILE", description = "write the length chart here and the α chart beside "
            + "it (FILE-alpha.png); without it no file is written")
    @Nullable Path chart;

    @Option(names = "--config", paramLabel = "FILE", description = "sweep the first link of this network (its "
            + "devices and link fields, at each length) instead of the presets; FILE or classpath:RESOURCE")
    @Nullable String config;

    @Option(names = "--seed", paramLabel = "N",
            description = "the networks' seed (the figures are the link model's: it does not change them)")
    @Nullable Long seed;

    @Option(names = "--json", description = "print one JSON object {\"sweep\": [...], \"alphaSweep\": [...], ...} "
            + "instead of tables")
    boolean json;

    @Option(names = "--count", paramLabel = "N", defaultValue = "" + DEFAULT_COUNT,
            description = "kept pairs the simulator makes at each length to test the model, shown with error bars "
                    + "(points that would take more than " + SweepSampler.MAX_EXPECTED_ATTEMPTS + " attempts are "
                    + "not sampled); 0: the model only (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = {"-q", "--quiet"}, description = "no configuration block and no progress: the results only")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "progress even when stderr is not a terminal")
    boolean verbose;

    public SweepCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The options as given, checked. */
    SweepOptions options() {
        try {
            return SweepOptions.of(presets, lengths, alphas, minFidelity, alphaLength, chart, seed, json, config,
                    count);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Exit code 0 ok, 1 nothing could be swept or a chart could not be written, 2 bad usage or configuration. */
    @Override
    public Integer call() {
        SweepOptions options = options();
        Progress.configure(Progress.modeFor(quiet, verbose), err);
        Configuration configuration = configuration(options);
        if (!json && !quiet) {
            out.print(configuration.text());
        }
        Sweep.Result result = Sweep.run(options, err::println);
        if (result.lengthSweep().isEmpty()) {
            err.println("sweep: no preset could be built, nothing to show");
            return 1;
        }
        if (options.out() != null) {
            try {
                SweepChart.write(options, result);
            } catch (IOException | RuntimeException e) {
                err.println("sweep: cannot write the charts " + options.out() + ", " + options.alphaOut() + ": " + e);
                return 1;
            }
        }
        out.println(json ? toJson(options, result, configuration) : table(options, result));
        return 0;
    }

    static Configuration configuration(SweepOptions options) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("presets", options.config() == null ? String.join(",", options.presets())
                : "the first link of " + options.config());
        s.put("lengths km", options.lengthsKm().stream().map(Report::number).collect(Collectors.joining(",")));
        s.put("min fidelity", options.minFidelity());
        s.put("α sweep at km", options.alphaLengthKm());
        s.put("sampled pairs per length", options.count());
        s.put("charts", options.out() == null ? "none (--out FILE)" : options.out() + ", " + options.alphaOut());
        return Configuration.settings(options.seed(), s);
    }

    /**
     * {@code {"sweep": [...], "alphaSweep": [...], "minFidelity": F, "alphaLengthKm": L, "charts": [...],
     * "configuration": {...}}}.
     */
    static String toJson(SweepOptions options, Sweep.Result result, Configuration configuration) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sweep", result.lengthSweep());
        json.put("alphaSweep", result.alphaSweep());
        json.put("minFidelity", options.minFidelity());
        json.put("alphaLengthKm", options.alphaLengthKm());
        json.put("charts", options.out() == null ? List.of()
                : List.of(options.out().toString(), String.valueOf(options.alphaOut())));
        json.put("configuration", configuration);
        return Report.write(json);
    }

    static String table(SweepOptions options, Sweep.Result result) {
        StringBuilder b = new StringBuilder();
        b.append("== sweep: against link length (α the link layer picks for F ≥ ")
                .append(plain(options.minFidelity())).append(") ==\n");
        rows(b, result.lengthSweep());
        b.append("\n== sweep: against α at ").append(plain(options.alphaLengthKm())).append(" km ==\n");
        rows(b, result.alphaSweep());
        b.append("""

                p: success per attempt; measure/s = p·1e9/slot (an attempt every slot);
                keep/s = p·1e9/(slots·slot) with slots = 1 + ⌈(2·delayToStation + window + 1 ns)/slot⌉
                (a kept attempt holds the qubit until its herald is back);
                simulated: --count kept pairs per length on the simulator, p = pairs/attempts ± its binomial
                standard error, F the pairs' mean true fidelity ± its standard error;
                PLOB = −log2(1 − η_f), η_f = 10^(−a·L/10) over the whole fibre, ebits per channel use.
                """);
        b.append("charts: ").append(options.out() == null ? "none (--out FILE writes them)"
                : options.out() + ", " + options.alphaOut());
        return b.toString();
    }

    private static void rows(StringBuilder b, List<SweepPoint> points) {
        String header = String.format(Locale.ROOT, "  %-12s %7s %9s %10s %7s %9s %10s %10s %5s %10s %9s %9s %21s "
                + "%17s%n", "preset", "L km", "α", "p", "F", "slot µs", "attempts/s", "measure/s", "slots", "keep/s",
                "η_f", "PLOB", "p simulated", "F simulated");
        b.append(header);
        for (SweepPoint p : points) {
            b.append(String.format(Locale.ROOT, "  %-12s %7s %9s %10s %7s %9s %10s %10s %5d %10s %9s %9s %21s %17s%n",
                    p.preset(), fmt(p.lengthKm()), fmt(p.alpha()), fmt(p.successProbability()),
                    Double.isNaN(p.heraldedFidelity()) ? "—" : String.format(Locale.ROOT, "%.4f",
                            p.heraldedFidelity()),
                    fmt(p.slotNanos() / 1e3), fmt(p.attemptsPerSecond()), fmt(p.pairsPerSecondMeasure()),
                    p.keepAttemptSlots(), fmt(p.pairsPerSecondKeep()), fmt(p.fibreTransmissivity()),
                    fmt(p.plobBound()), p.sampledPairs() == 0 ? "—" : String.format(Locale.ROOT, "%.3e ± %.1e",
                            p.measuredSuccessProbability(), p.measuredSuccessProbabilitySigma()),
                    p.sampledPairs() == 0 ? "—" : String.format(Locale.ROOT, "%.4f ± %.4f", p.measuredFidelity(),
                            p.measuredFidelitySigma())));
        }
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Four significant digits; NaN as —, infinity as ∞. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e6 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
    }
}
