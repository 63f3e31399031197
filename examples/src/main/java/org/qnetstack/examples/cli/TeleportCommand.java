package org.qnetstack.examples.cli;

import org.qnetstack.examples.ExampleOptions;
import org.qnetstack.examples.TeleportExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code teleport}: random states teleported over kept pairs, end to end like qkd. */
@Command(name = "teleport", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Teleport uniformly random qubit states over kept pairs between the ends of the network's "
                + "chain (else of its first link): the mean fidelity beside (2F+1)/3 and the prediction with the "
                + "devices' gate and readout errors."})
final class TeleportCommand extends PairExampleCommand {
    @Mixin
    QualityOptions quality;

    @Override
    QualityOptions qualityOptions() {
        return quality;
    }

    @Option(names = "--count", paramLabel = "N", defaultValue = "" + TeleportExample.DEFAULT_TRIALS,
            description = "trials (default: ${DEFAULT-VALUE})")
    void trials(int n) {
        setCount(n);
    }

    TeleportCommand(Io io) {
        super(io);
    }

    @Override
    double defaultMinFidelity() {
        return TeleportExample.MIN_FIDELITY;
    }

    @Override
    String counted() {
        return "trials";
    }

    @Override
    Record run(ExampleOptions options) {
        return TeleportExample.run(options);
    }
}
