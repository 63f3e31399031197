package org.qnetstack.examples.cli;

import org.qnetstack.examples.ChshExample;
import org.qnetstack.examples.ExampleOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chsh}: a Bell test on the first link. */
@Command(name = "chsh", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"A Bell test on the network's first link (per-side CHSH settings): S with its 3σ interval "
                + "beside the prediction from the heralded state and both devices' readout and rotation errors, "
                + "and the device-independent key rate."})
final class ChshCommand extends PairExampleCommand {
    @Option(names = "--count", paramLabel = "N", defaultValue = "" + ChshExample.DEFAULT_ROUNDS,
            description = "CHSH rounds, and half as many key rounds (default: ${DEFAULT-VALUE})")
    void rounds(int n) {
        setCount(n);
    }

    ChshCommand(Io io) {
        super(io);
    }

    @Override
    double defaultMinFidelity() {
        return ChshExample.MIN_FIDELITY;
    }

    @Override
    String counted() {
        return "rounds";
    }

    @Override
    Record run(ExampleOptions options) {
        return ChshExample.run(options);
    }
}
