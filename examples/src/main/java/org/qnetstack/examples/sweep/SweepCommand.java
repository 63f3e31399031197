package org.qnetstack.examples.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.qnetstack.hal.ConfigurationException;

/**
 * The {@code sweep} subcommand: runs the {@link Sweep}, prints it as tables (or one JSON object with
 * {@code --json}), and always writes the two PNG charts.
 */
public final class SweepCommand {
    /** The sweep's lines of the examples' usage text. */
    public static final String USAGE = """
              sweep      fidelity and pair rate against link length and against α for each device preset,
                         from the link model the stack plans with: a table (or --json) and two PNG charts
              sweep options:
                --presets A,B      device presets (default: every shipped preset)
                --lengths KM,...   link lengths in km (default 0,2,5,10,20,30,50)
                --alphas A,...     α values of the α sweep (default 0.01,0.02,...,0.5)
                --alpha-length KM  link length of the α sweep (default 10)
                --min-fidelity F   the length sweep uses the α the link layer picks for F (default 0.8)
                --out FILE         the length chart (default sweep.png); the α chart goes to FILE-alpha.png
                --config FILE      sweep the first link of this network (its devices and link fields, at
                                   each length) instead of the presets; FILE or classpath:RESOURCE
                --seed N           the networks' seed (the figures are the link model's: it does not change them)
                --json             print one JSON object {"sweep": [...], "alphaSweep": [...], ...} instead
            """;

    private SweepCommand() {
    }

    /**
     * Runs {@code sweep} with the arguments after it; returns the exit code (0 ok, 1 nothing could be
     * swept or a chart could not be written, 2 bad usage).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SweepOptions options;
        try {
            options = SweepOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print("usage: examples sweep [options]\n" + USAGE);
            return 2;
        }
        Sweep.Result result;
        try {
            result = Sweep.run(options, err::println);
        } catch (ConfigurationException | IllegalArgumentException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        }
        if (result.lengthSweep().isEmpty()) {
            err.println("sweep: no preset could be built, nothing to show");
            return 1;
        }
        try {
            SweepChart.write(options, result);
        } catch (IOException | RuntimeException e) {
            err.println("sweep: cannot write the charts " + options.out() + ", " + options.alphaOut() + ": " + e);
            return 1;
        }
        out.println(options.json() ? toJson(options, result) : table(options, result));
        return 0;
    }

    /** {@code {"sweep": [...], "alphaSweep": [...], "minFidelity": F, "alphaLengthKm": L, "charts": [...]}}. */
    static String toJson(SweepOptions options, Sweep.Result result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sweep", result.lengthSweep());
        json.put("alphaSweep", result.alphaSweep());
        json.put("minFidelity", options.minFidelity());
        json.put("alphaLengthKm", options.alphaLengthKm());
        json.put("charts", List.of(options.out().toString(), options.alphaOut().toString()));
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sweep as JSON", e);
        }
    }

    /** Non-finite numbers (no α, lossless fibre) are written as {@code null}, not as strings. */
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("finite")
            .addSerializer(Double.class, new FiniteOrNull())
            .addSerializer(double.class, new FiniteOrNull()));

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
                PLOB = −log2(1 − η_f), η_f = 10^(−a·L/10) over the whole fibre, ebits per channel use.
                """);
        b.append("charts: ").append(options.out()).append(", ").append(options.alphaOut());
        return b.toString();
    }

    private static void rows(StringBuilder b, List<SweepPoint> points) {
        String header = String.format(Locale.ROOT, "  %-12s %7s %9s %10s %7s %9s %10s %10s %5s %10s %9s %9s%n",
                "preset", "L km", "α", "p", "F", "slot µs", "attempts/s", "measure/s", "slots", "keep/s",
                "η_f", "PLOB");
        b.append(header);
        for (SweepPoint p : points) {
            b.append(String.format(Locale.ROOT, "  %-12s %7s %9s %10s %7s %9s %10s %10s %5d %10s %9s %9s%n",
                    p.preset(), fmt(p.lengthKm()), fmt(p.alpha()), fmt(p.successProbability()),
                    Double.isNaN(p.heraldedFidelity()) ? "—" : String.format(Locale.ROOT, "%.4f",
                            p.heraldedFidelity()),
                    fmt(p.slotNanos() / 1e3), fmt(p.attemptsPerSecond()), fmt(p.pairsPerSecondMeasure()),
                    p.keepAttemptSlots(), fmt(p.pairsPerSecondKeep()), fmt(p.fibreTransmissivity()),
                    fmt(p.plobBound())));
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
