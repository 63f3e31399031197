package org.qnetstack.examples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --min-fidelity F}: the fidelity an example asks of each pair. */
public final class MinFidelityOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    double minFidelity = Double.NaN;

    @Option(names = "--min-fidelity", paramLabel = "F",
            description = "the fidelity to ask of each pair, in [0, 1] (default: ${DEFAULT-VALUE})")
    void minFidelity(double value) {
        minFidelity = CommonOptions.fidelity(spec, "--min-fidelity", value);
    }
}
