package org.qnetstack.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.qnetstack.examples.Configuration;
import org.qnetstack.examples.ExampleOptions;
import org.qnetstack.examples.Progress;
import org.qnetstack.examples.Report;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * One example as a subcommand: the {@link CommonOptions}, its configuration printed first (or added to the
 * JSON object), then its result as a table or JSON.
 */
abstract class ExampleCommand implements Callable<Integer> {
    final Io io;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    ExampleCommand(Io io) {
        this.io = io;
    }

    /** The network when {@code --config} is not given (null: the example builds its own). */
    @Nullable String defaultConfig() {
        return ExampleOptions.DEFAULT_CONFIG;
    }

    /** What --config means here when it is not a network to run on (chain), else null. */
    @Nullable String configDescription() {
        return null;
    }

    /** The fidelity asked of each pair when {@code --min-fidelity} is not given. */
    double defaultMinFidelity() {
        return Double.NaN;
    }

    /** The defaults that differ between examples, for picocli (and so for {@code --help}). */
    @Nullable String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        return switch (o.longestName()) {
            case "--config" -> defaultConfig();
            case "--min-fidelity" -> Double.isNaN(defaultMinFidelity()) ? null : Report.number(defaultMinFidelity());
            default -> null;
        };
    }

    /** What {@code --count} is, for the settings line. */
    abstract String counted();

    abstract int count();

    double minFidelity() {
        return Double.NaN;
    }

    boolean serialDetectors() {
        return false;
    }

    /** The quality of service the example's sockets ask for, or null (best effort); for examples that take it. */
    @Nullable QualityOptions qualityOptions() {
        return null;
    }

    ExampleOptions options() {
        QualityOptions q = qualityOptions();
        return new ExampleOptions(common.seed, common.config, common.json, count(), minFidelity(), serialDetectors(),
                q == null ? null : q.quality());
    }

    /** The run's settings beside the network: how many, the fidelity asked of pairs, and the example's own. */
    Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(counted(), count());
        if (!Double.isNaN(minFidelity())) {
            s.put("min fidelity", minFidelity());
        }
        if (qualityOptions() != null) {
            qualityOptions().describe(s);
        }
        return s;
    }

    Configuration configuration(ExampleOptions options) {
        return Configuration.of(options.config(), options.network(), settings());
    }

    abstract Record run(ExampleOptions options);

    /** Why a figure of the result is missing or negative, by field name, for the table. */
    Map<String, String> why(Record result) {
        return Map.of();
    }

    /** A closing note after the result (e.g. what would succeed where the run aborted), or "". */
    String afterword(Record result) {
        return "";
    }

    @Override
    public Integer call() {
        Progress.configure(common.progress(), io.err());
        ExampleOptions options = options();
        Configuration configuration = configuration(options);
        if (!common.json && !common.quiet) {
            io.out().print(configuration.text());
            io.out().flush();
        }
        Record result = run(options);
        io.out().println(common.json ? Report.toJson(result, configuration)
                : Report.table(spec.name(), result, why(result)));
        String note = afterword(result);
        if (!note.isEmpty()) {
            (common.json ? io.err() : io.out()).println(note);
        }
        return 0;
    }
}
