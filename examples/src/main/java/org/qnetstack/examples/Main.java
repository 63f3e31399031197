package org.qnetstack.examples;

import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qnetstack.api.SimulationException;
import org.qnetstack.examples.sweep.SweepCommand;
import org.qnetstack.hal.ConfigurationException;

/**
 * The examples' command line: {@code qkd}, {@code teleport}, or both in turn when no subcommand is given;
 * {@code sweep} (first, with its own options) for fidelity and rate against length and α.
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.args="qkd --seed 7 --json"
 * </pre>
 */
public final class Main {
    static final String USAGE = """
            usage: examples [qkd|teleport|eavesdrop|chsh|ghz] [--seed N] [--config FILE] [--json] [--count N]
                   examples sweep [--presets A,B] [--lengths KM,...] [--alphas A,...] [--out FILE] [--json] ...
              qkd        BBM92 key distribution between the ends of a chain (e.g. alice–repeater–bob, kept
                         pairs measured at the ends), else of the network's first link
              teleport   teleport random qubit states over kept pairs, end to end like qkd
              ghz        a GHZ state across three nodes from two Bell pairs (three-node star network)
              chain      repeater chains (N = 0,1,3,7) vs distance, with/without DEJMPS, beside PLOB: table, chain.png
              chsh       a Bell test on the first link (per-side CHSH settings): S with its interval, the
                         device-independent key rate
              eavesdrop  qkd with an intercept-resend eavesdropper on the link: every run must abort
                         (--runs N, default 20; noiseless devices unless --config)
              (none)     qkd, then teleport
              --seed N       the world's seed (default: the configuration's)
              --config FILE  a network configuration in YAML or JSON, or classpath:RESOURCE
                             (default: classpath:networks/two-nodes-nv.yaml, two NV nodes 10 km apart)
              --json         print one JSON object per example instead of a table
              --count N      pairs for qkd, trials for teleport
              --min-fidelity F  the fidelity to ask of each pair (default: qkd 0.9, teleport 0.85)
              --detectors serial  the first station hears its photons through the serial driver, over a
                             real pseudo-terminal (socat), from the device emulator (default: sim)
            """ + org.qnetstack.examples.stages.StagesCli.USAGE + SweepCommand.USAGE + org.qnetstack.examples.bench.BenchCommand.USAGE + NodePrograms.USAGE;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code (0 ok, 1 failed run, 2 bad usage or configuration). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("sweep")) {
            return SweepCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && (args[0].equals("world") || args[0].equals("node"))) {
            return deployed(args, out, err);
        }
        if (args.length > 0 && org.qnetstack.examples.stages.StagesCli.handles(args[0])) {
            return org.qnetstack.examples.stages.StagesCli.run(args, out, err);
        }
        if (args.length > 0 && args[0].equals("bench")) {
            return org.qnetstack.examples.bench.BenchCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        List<String> commands = new ArrayList<>();
        Long seed = null;
        String config = null;
        boolean json = false;
        int count = 0;
        double minFidelity = Double.NaN;
        boolean serial = false;
        int runs = EavesdropExample.DEFAULT_RUNS;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "qkd", "teleport", "eavesdrop", "chsh", "ghz", "chain" -> commands.add(args[i]);
                    case "--runs" -> {
                        runs = Integer.parseInt(value(args, ++i, "--runs"));
                        if (runs < 1) {
                            throw new IllegalArgumentException("--runs must be ≥ 1 (was " + runs + ")");
                        }
                    }
                    case "sweep" -> throw new IllegalArgumentException(
                            "'sweep' must come first, with its own options: examples sweep [options]");
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                    case "--config" -> config = value(args, ++i, "--config");
                    case "--json" -> json = true;
                    case "--count" -> {
                        count = Integer.parseInt(value(args, ++i, "--count"));
                        if (count < 1) {
                            throw new IllegalArgumentException("--count must be ≥ 1 (was " + count + ")");
                        }
                    }
                    case "--min-fidelity" -> {
                        minFidelity = Double.parseDouble(value(args, ++i, "--min-fidelity"));
                        if (!(minFidelity >= 0 && minFidelity <= 1)) {
                            throw new IllegalArgumentException("--min-fidelity must be in [0, 1] (was " + minFidelity + ")");
                        }
                    }
                    case "--detectors" -> {
                        String d = value(args, ++i, "--detectors");
                        if (!d.equals("serial") && !d.equals("sim")) {
                            throw new IllegalArgumentException("--detectors takes sim or serial (was " + d + ")");
                        }
                        serial = d.equals("serial");
                    }
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (commands.isEmpty()) {
            commands = List.of("qkd", "teleport");
        }
        ExampleOptions options = new ExampleOptions(seed, config, json, count, minFidelity, serial);
        try {
            for (String command : commands) {
                int eavesdropRuns = runs;
                Record result = switch (command) {
                    case "qkd" -> QkdExample.run(options);
                    case "eavesdrop" -> EavesdropExample.run(options, eavesdropRuns);
                    case "chsh" -> ChshExample.run(options);
                    case "ghz" -> GhzExample.run(options);
                    case "chain" -> ChainExample.run(options);
                    default -> TeleportExample.run(options);
                };
                out.println(json ? toJson(result) : table(command, result));
            }
            return 0;
        } catch (ConfigurationException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        } catch (SimulationException e) {
            err.println("run failed: " + e.getMessage());
            return 1;
        }
    }

    /** {@code world …} or {@code node …}: one process of a deployed network, the programs of {@link NodePrograms}. */
    private static int deployed(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>();
        int count = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--count")) {
                    count = Integer.parseInt(value(args, ++i, "--count"));
                    if (count < 1) {
                        throw new IllegalArgumentException("--count must be ≥ 1 (was " + count + ")");
                    }
                } else {
                    rest.add(args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(NodePrograms.USAGE);
            return 2;
        }
        int status = org.qnetstack.deploy.Launcher.run(rest, NodePrograms.catalog(count, out), out);
        if (status == 2) {
            err.print(NodePrograms.USAGE);
        }
        return status;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String toJson(Record result) {
        try {
            return new ObjectMapper().writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + result, e);
        }
    }

    static String table(String title, Record result) {
        StringBuilder b = new StringBuilder("== ").append(title).append(" ==\n");
        for (RecordComponent c : result.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(result);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String text = v instanceof Double d ? format(d) : String.valueOf(v);
            b.append(String.format(Locale.ROOT, "  %-28s %s%n", c.getName(), text));
        }
        return b.toString();
    }

    private static String format(double d) {
        return Math.abs(d) >= 1e-3 || d == 0 ? String.format(Locale.ROOT, "%.4f", d)
                : String.format(Locale.ROOT, "%.3e", d);
    }
}
