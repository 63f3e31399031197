package org.qnetstack.examples.stages;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.qnetstack.examples.Configuration;
import org.qnetstack.examples.ExampleOptions;
import org.qnetstack.examples.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The stage applications as subcommands of the examples' command line ({@code stages}, {@code bb84},
 * {@code blind}, {@code relay}, {@code anonymous}, {@code cnot}): the options they share, and one small picocli class each that calls the
 * application's {@code run(options, out)} and prints its result as JSON when asked.
 */
public final class StagesCli {
    /**
     * The options of the stage subcommands.
     *
     * @param example the shared ones (seed, config, json, count)
     * @param nodes   the end nodes asked for, empty for the command's default
     * @param chart   where {@code stages} writes its chart, or null for none
     * @param eve     whether {@code bb84} puts an intercept-resend attacker on the link
     */
    public record Options(ExampleOptions example, List<String> nodes, @Nullable Path chart, boolean eve) {
        public Options {
            nodes = List.copyOf(nodes);
        }
    }

    private StagesCli() {
    }

    /** The subcommands, each printing to {@code out}. */
    public static List<Object> commands(PrintStream out) {
        return List.of(new Stages(out), new Bb84(out), new Blind(out), new Relay(out), new Anonymous(out),
                new Cnot(out));
    }

    /** The options every stage command takes. */
    static final class Shared {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--seed", paramLabel = "N", description = "the world's seed (default: the configuration's)")
        @Nullable Long seed;

        @Option(names = "--config", paramLabel = "FILE", description = "a network configuration in YAML or JSON, or "
                + "classpath:RESOURCE (default: " + ExampleOptions.DEFAULT_CONFIG + "; for anonymous, which needs three "
                + "nodes: " + Anonymous.CONFIG + ")")
        @Nullable String config;

        @Option(names = "--json", description = "print the result as one JSON object instead of a table")
        boolean json;

        @Option(names = "--nodes", paramLabel = "A,B,…", split = ",", description = "the nodes, by name (see the "
                + "command's description; default: as described there)")
        List<String> nodes = new ArrayList<>();

        int count;

        @Option(names = "--count", paramLabel = "N", description = "how many (see the command's description; "
                + "default: the command's own)")
        void count(int n) {
            if (n < 1) {
                throw new ParameterException(spec.commandLine(), "--count must be ≥ 1 (was " + n + ")");
            }
            count = n;
        }

        Options options(String defaultConfig, @Nullable Path chart, boolean eve) {
            return new Options(new ExampleOptions(seed, config == null ? defaultConfig : config, json, count), nodes,
                    chart, eve);
        }
    }

    /** Runs one stage application and prints its result as JSON when asked. */
    private abstract static class StageCommand implements Callable<Integer> {
        final PrintStream out;
        private final BiFunction<Options, PrintStream, Record> application;
        /** The network when {@code --config} is not given. */
        private final String defaultConfig;

        @Mixin
        Shared shared;

        StageCommand(PrintStream out, BiFunction<Options, PrintStream, Record> application) {
            this(out, application, ExampleOptions.DEFAULT_CONFIG);
        }

        StageCommand(PrintStream out, BiFunction<Options, PrintStream, Record> application, String defaultConfig) {
            this.out = out;
            this.application = application;
            this.defaultConfig = defaultConfig;
        }

        @Nullable Path chart() {
            return null;
        }

        boolean eve() {
            return false;
        }

        /** The network and settings first (as every example prints them), then the result; JSON: one object. */
        @Override
        public Integer call() {
            Options options = shared.options(defaultConfig, chart(), eve());
            ExampleOptions example = options.example();
            Map<String, Object> settings = new LinkedHashMap<>();
            if (shared.count > 0) {
                settings.put("count", shared.count);
            }
            if (!shared.nodes.isEmpty()) {
                settings.put("nodes", String.join(",", shared.nodes));
            }
            Configuration configuration = Configuration.of(example.config(), example.network(), settings);
            if (!shared.json) {
                out.print(configuration.text());
            }
            Record result = application.apply(options, out);
            if (shared.json) {
                out.println(Report.toJson(result, configuration));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "stages", mixinStandardHelpOptions = true, description = {"Certifies every pair of end nodes: "
            + "the highest stage of a quantum internet each reaches (Wehner, Elkouss, Hanson, Science 2018), with "
            + "the evidence per criterion from rounds run through the stack; --nodes the end nodes (default: all), "
            + "--count pair rounds per basis. See docs/stages.md."})
    static final class Stages extends StageCommand {
        @Option(names = "--chart", paramLabel = "FILE", description = "write the chart there (PNG; default: none)")
        @Nullable Path chart;

        Stages(PrintStream out) {
            super(out, StagesCommand::run);
        }

        @Override
        @Nullable Path chart() {
            return chart;
        }
    }

    @Command(name = "bb84", mixinStandardHelpOptions = true, description = {"BB84 by remote state preparation over "
            + "the first link: QBER, finite-key secure length, identical keys or an abort; --count pairs."})
    static final class Bb84 extends StageCommand {
        @Option(names = "--eve", description = "an intercept-resend attacker on the link")
        boolean eve;

        Bb84(PrintStream out) {
            super(out, org.qnetstack.examples.Bb84Command::run);
        }

        @Override
        boolean eve() {
            return eve;
        }
    }

    @Command(name = "blind", mixinStandardHelpOptions = true, description = {"Blind computation with traps: "
            + "--nodes CLIENT,SERVER (default: the first link's ends), --count runs."})
    static final class Blind extends StageCommand {
        Blind(PrintStream out) {
            super(out, BlindCommand::run);
        }
    }

    @Command(name = "relay", mixinStandardHelpOptions = true, description = {"A key relayed by trusted nodes along a "
            + "chain: each hop's BB84 key, the relayed key, the path's rate and the trust assumption; --nodes the "
            + "chain in order (default: every node as declared), --count pairs per hop."})
    static final class Relay extends StageCommand {
        Relay(PrintStream out) {
            super(out, RelayCommand::run);
        }
    }

    @Command(name = "anonymous", mixinStandardHelpOptions = true, description = {"Anonymous transmission of a bit "
            + "over a GHZ state (Christandl and Wehner 2005): how often the bit arrives beside its predictions, and "
            + "whether the announcements reveal the sender; --nodes HUB,A,B,… (at least three; the hub, linked to "
            + "every other, builds the GHZ state; default: the first link's first node, then every other node), "
            + "--count rounds."})
    static final class Anonymous extends StageCommand {
        static final String CONFIG = "classpath:networks/three-nodes-nv.yaml";

        Anonymous(PrintStream out) {
            super(out, AnonymousCommand::run, CONFIG);
        }
    }

    @Command(name = "cnot", mixinStandardHelpOptions = true, description = {"A CNOT between two nodes from one pair "
            + "(Eisert et al. 2000) makes Φ+ from |+⟩|0⟩: its fidelity from ZZ, XX and YY parities beside the pairs' "
            + "fidelity; --nodes CONTROL,TARGET (default: the first link's ends), --count rounds."})
    static final class Cnot extends StageCommand {
        Cnot(PrintStream out) {
            super(out, CnotCommand::run);
        }
    }
}
