package org.qnetstack.examples.cli;

import org.jspecify.annotations.Nullable;
import org.qnetstack.examples.Progress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every example takes. The network's default differs between examples: it comes from each
 * command's {@link ExampleCommand#defaultConfig()}, so that {@code --help} shows the right one. What
 * {@code --count} counts differs too: each command declares it with {@link #atLeastOne}.
 */
public final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N",
            description = "the world's seed (default: the configuration's)")
    @Nullable Long seed;

    @Option(names = "--config", paramLabel = "FILE",
            description = "a network configuration in YAML or JSON, or classpath:RESOURCE (default: ${DEFAULT-VALUE})")
    @Nullable String config;

    @Option(names = "--json", description = "print one JSON object per example instead of a table; the "
            + "configuration is its 'configuration' field")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "no progress and no configuration block: the results only")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "progress even when stderr is not a terminal (a line every "
            + "few seconds), and every figure of the demo's results")
    boolean verbose;

    /** A {@code --count}-like value: at least 1, else a usage error naming the option. */
    static int atLeastOne(CommandSpec spec, String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be ≥ 1 (was " + value + ")");
        }
        return value;
    }

    /** A fidelity: in [0, 1], else a usage error naming the option. */
    static double fidelity(CommandSpec spec, String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ParameterException(spec.commandLine(), option + " must be in [0, 1] (was " + value + ")");
        }
        return value;
    }

    Progress.Mode progress() {
        return Progress.modeFor(quiet, verbose);
    }
}
