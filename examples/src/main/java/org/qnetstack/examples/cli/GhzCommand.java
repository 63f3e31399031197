package org.qnetstack.examples.cli;

import org.qnetstack.examples.ExampleOptions;
import org.qnetstack.examples.GhzExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ghz}: a GHZ state across three nodes from two Bell pairs. */
@Command(name = "ghz", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"A GHZ state across three nodes of a star from two Bell pairs fused at the hub: its "
                + "fidelity beside the product of the pairs' fidelities. Noiseless devices by default (the "
                + "protocol alone: F = 1); classpath:networks/three-nodes-nv.yaml runs it on NV devices."})
final class GhzCommand extends PairExampleCommand {
    @Option(names = "--count", paramLabel = "N", defaultValue = "" + GhzExample.DEFAULT_TRIALS,
            description = "GHZ states made (default: ${DEFAULT-VALUE})")
    void trials(int n) {
        setCount(n);
    }

    GhzCommand(Io io) {
        super(io);
    }

    @Override
    String defaultConfig() {
        return GhzExample.DEFAULT_CONFIG;
    }

    @Override
    double defaultMinFidelity() {
        return GhzExample.MIN_FIDELITY;
    }

    @Override
    String counted() {
        return "trials";
    }

    @Override
    Record run(ExampleOptions options) {
        return GhzExample.run(options);
    }
}
