package org.qnetstack.examples.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.Cutoff;
import org.qnetstack.api.DistillationMode;
import org.qnetstack.api.PairQuality;
import org.qnetstack.hal.Quantities;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --distillation}, {@code --cutoff}, {@code --rate}: the quality of service the creating end's socket asks
 * for ({@link PairQuality}). Any of them makes the network plan and admit the requests (path by expected fidelity
 * and rate with memory decay, what is left to it chosen), or refuse them before any pair with the reason; without
 * them the example asks best effort at {@code --min-fidelity}, as always.
 */
public final class QualityOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--distillation", paramLabel = "MODE",
            description = "distillation before swapping: NONE, DEJMPS, BBPSSW (the fewest rounds that meet "
                    + "--min-fidelity) or AUTO (none if that meets it, else DEJMPS)")
    @Nullable DistillationMode distillation;

    private @Nullable Cutoff cutoff;
    private double rate = Double.NaN;

    @Option(names = "--cutoff", paramLabel = "T",
            description = "how old a pair may grow in memory: a duration (e.g. 2ms), auto (from the memories' "
                    + "coherence and --min-fidelity) or none")
    void cutoff(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto") || v.equals("none")) {
            cutoff = v.equals("auto") ? Cutoff.AUTO : Cutoff.NONE;
            return;
        }
        double nanos;
        try {
            nanos = Quantities.durationNanos(v);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--cutoff must be a duration (e.g. 2ms), auto or none "
                    + "(was " + value + ")");
        }
        if (!(nanos >= 1) || Double.isInfinite(nanos)) {
            throw new ParameterException(spec.commandLine(), "--cutoff must be at least 1 ns, or none (was "
                    + value + ")");
        }
        cutoff = Cutoff.after(Duration.ofNanos((long) nanos));
    }

    @Option(names = "--rate", paramLabel = "R",
            description = "end-to-end pairs per second to reserve (refused if the links cannot carry it)")
    void rate(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ParameterException(spec.commandLine(), "--rate must be finite and > 0 (was " + value + ")");
        }
        rate = value;
    }

    /** The quality asked for, or null if none of the options was given (best effort). */
    @Nullable PairQuality quality() {
        if (distillation == null && cutoff == null && Double.isNaN(rate)) {
            return null;
        }
        PairQuality q = PairQuality.DEFAULT;
        if (distillation != null) {
            q = q.withDistillation(distillation);
        }
        if (cutoff != null) {
            q = q.withCutoff(cutoff);
        }
        return Double.isNaN(rate) ? q : q.withRate(rate);
    }

    /** The options given, for the run's settings. */
    void describe(Map<String, Object> settings) {
        PairQuality q = quality();
        if (q != null) {
            settings.put("distillation", q.distillation().name());
            Cutoff c = q.cutoff();
            settings.put("cutoff", c.auto() ? "auto" : c.after() == null ? "none" : c.after().toNanos() + " ns");
            if (q.pairsPerSecond() > 0) {
                settings.put("rate", q.pairsPerSecond());
            }
        }
    }
}
