package org.qnetstack.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.qnetstack.deploy.Launcher;
import org.qnetstack.examples.NodePrograms;
import org.qnetstack.examples.QkdExample;
import org.qnetstack.examples.TeleportExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code world} and {@code node}: one process of a deployed simulated network (README, "A network across
 * machines"), started by the deploy module's {@link Launcher} with the examples' programs.
 */
abstract class DeployedCommand implements Callable<Integer> {
    final Io io;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "the network file, with its deployment section (where each process listens)")
    Path config;

    @Option(names = "--seed", paramLabel = "N", description = "the world's seed (default: the file's)")
    @Nullable Long seed;

    DeployedCommand(Io io) {
        this.io = io;
    }

    /** The launcher's arguments for this process. */
    abstract List<String> arguments();

    /** Pairs or trials for the node's program, 0 for its default. */
    int count() {
        return 0;
    }

    List<String> common(String role) {
        List<String> a = new ArrayList<>(List.of(role, "--config", config.toString()));
        if (seed != null) {
            a.addAll(List.of("--seed", seed.toString()));
        }
        return a;
    }

    @Override
    public Integer call() {
        int status = Launcher.run(arguments(), NodePrograms.catalog(count(), io.out()), io.out());
        if (status == Cli.USAGE) {
            io.err().println("see: examples " + spec.name() + " --help");
        }
        return status;
    }

    /** {@code world}: the world service. */
    @Command(name = "world", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = {"The world service of a deployed simulated network: it holds every node's simulated "
                    + "devices and the one clock, and listens at the file's deployment.world address."})
    static final class World extends DeployedCommand {
        @Option(names = "--pace", paramLabel = "X", defaultValue = "0",
                description = "simulated seconds per wall second at most; 0: as fast as the nodes answer "
                        + "(default: ${DEFAULT-VALUE})")
        double pace;

        @Option(names = "--node-timeout", paramLabel = "SECONDS",
                description = "how long a silent node may stay silent before it counts as down "
                        + "(default: the world service's)")
        @Nullable Double nodeTimeout;

        World(Io io) {
            super(io);
        }

        @Override
        List<String> arguments() {
            List<String> a = common("world");
            a.addAll(List.of("--pace", Double.toString(pace)));
            if (nodeTimeout != null) {
                a.addAll(List.of("--node-timeout", String.format(Locale.ROOT, "%s", nodeTimeout)));
            }
            return a;
        }
    }

    /** {@code node}: one node's stack. */
    @Command(name = "node", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = {"One node's stack in this process, at the file's deployment.nodes.NAME address, running "
                    + "the program if it is an end of the network's chain (a repeater only serves)."})
    static final class Node extends DeployedCommand {
        @Option(names = "--node", paramLabel = "NAME", required = true, description = "which node this process is")
        String node;

        @Option(names = "--program", paramLabel = "qkd|teleport|pairs",
                description = "the program of an end node: qkd, teleport or pairs (default: none, only serve)")
        @Nullable String program;

        private int count;

        @Option(names = "--count", paramLabel = "N", description = "pairs for qkd (default: "
                + QkdExample.DEFAULT_PAIRS + "), trials for teleport (default: " + TeleportExample.DEFAULT_TRIALS
                + "), pairs after the last failure for pairs (default: " + NodePrograms.DEFAULT_PAIRS_AFTER_FAILURE
                + ")")
        void count(int n) {
            count = CommonOptions.atLeastOne(spec, "--count", n);
        }

        Node(Io io) {
            super(io);
        }

        @Override
        int count() {
            return count;
        }

        @Override
        List<String> arguments() {
            List<String> a = common("node");
            a.addAll(List.of("--node", node));
            if (program != null) {
                a.addAll(List.of("--program", program));
            }
            return a;
        }
    }
}
