package org.qnetstack.examples.stages;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.SimulationException;
import org.qnetstack.examples.ExampleOptions;
import org.qnetstack.hal.ConfigurationException;

/**
 * The command-line glue of the stage applications, kept apart so that it can move into the examples' main
 * command structure as it is: parses the shared options and calls the subcommand's {@code run(options, out)}.
 */
public final class StagesCli {
    public static final String USAGE = """
              stages     certify every pair of end nodes: the highest stage of a quantum internet each reaches
                         (Wehner, Elkouss, Hanson, Science 2018) with the evidence per criterion; table or
                         --json, and a chart (--chart FILE, default stages.png); --nodes A,B,... the end nodes
                         (default: all), --count N pair rounds per basis
              bb84       BB84 by remote state preparation over one link: QBER, finite-key secure length, keys
                         (--count N pairs; --eve: an intercept-resend attacker on the link)
              blind      blind computation with traps, client --nodes CLIENT,SERVER (--count N runs)
              relay      a key relayed by trusted nodes along a chain (--nodes A,B,C in order; --count N pairs
                         per hop): each hop's BB84 key, the relayed key, the path's rate, the trust assumption
            """;
    private static final Set<String> COMMANDS = Set.of("stages", "bb84", "blind", "relay");

    /**
     * The options of the stage subcommands.
     *
     * @param example the shared ones (seed, config, json, count)
     * @param nodes   the end nodes asked for, empty for the command's default
     * @param chart   where {@code stages} writes its chart
     * @param eve     whether {@code bb84} puts an intercept-resend attacker on the link
     */
    public record Options(ExampleOptions example, List<String> nodes, Path chart, boolean eve) {
        public Options {
            nodes = List.copyOf(nodes);
        }
    }

    private StagesCli() {
    }

    public static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    /** Runs {@code args[0]} with the rest as options; returns the exit code (0, 1 failed run, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            Record result = switch (args[0]) {
                case "stages" -> StagesCommand.run(options, out);
                case "bb84" -> org.qnetstack.examples.Bb84Command.run(options, out);
                case "relay" -> RelayCommand.run(options, out);
                default -> BlindCommand.run(options, out);
            };
            if (options.example().json()) {
                out.println(json(result));
            }
            return 0;
        } catch (ConfigurationException | IllegalArgumentException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        } catch (SimulationException e) {
            err.println("run failed: " + e.getMessage());
            return 1;
        }
    }

    static Options parse(String[] args) {
        Long seed = null;
        String config = null;
        boolean json = false;
        boolean eve = false;
        int count = 0;
        List<String> nodes = List.of();
        Path chart = Path.of("stages.png");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--config" -> config = value(args, ++i);
                case "--json" -> json = true;
                case "--eve" -> eve = true;
                case "--count" -> {
                    count = Integer.parseInt(value(args, ++i));
                    if (count < 1) {
                        throw new IllegalArgumentException("--count must be ≥ 1 (was " + count + ")");
                    }
                }
                case "--nodes" -> nodes = List.of(value(args, ++i).split(","));
                case "--chart" -> chart = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new Options(new ExampleOptions(seed, config, json, count), nodes, chart, eve);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    static String json(@Nullable Object result) {
        try {
            return new ObjectMapper().writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + result, e);
        }
    }
}
