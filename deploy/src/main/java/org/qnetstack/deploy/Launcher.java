package org.qnetstack.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.InvalidConfigurationException;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.config.DeploymentSpec;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.PlatformSpec;

/**
 * Starts one process of a deployed network from the command line:
 *
 * <pre>
 * java -cp … org.qnetstack.deploy.Launcher world --config net.yaml [--seed 42] [--pace 1]
 * java -cp … org.qnetstack.deploy.Launcher node  --config net.yaml --node repeater [--seed 42]
 * </pre>
 *
 * The network file's {@code deployment} section says where each process listens. This launcher runs nodes
 * without a program (repeaters); {@link #run(List, ProgramCatalog, PrintStream)} takes a table of named programs for
 * the nodes that run one (the examples' {@code node --program qkd}). Exit status: 0 when the run ended well,
 * 1 when a program failed or the run could not finish, 2 for a usage or configuration error.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), ProgramCatalog.NONE, System.out));
    }

    /** The parsed command line. */
    record Command(String role, Path config, @Nullable Long seed, @Nullable String node, @Nullable String program,
                   double pace, @Nullable Duration nodeTimeout) {
    }

    static Command parse(List<String> args) {
        if (args.isEmpty() || !(args.get(0).equals("world") || args.get(0).equals("node"))) {
            throw new IllegalArgumentException("usage: world --config FILE [--seed N] [--pace X] [--node-timeout S] | "
                    + "node --config FILE --node NAME [--seed N] [--program NAME]");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String key = args.get(i);
            if (!List.of("--config", "--seed", "--node", "--program", "--pace", "--node-timeout").contains(key) || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + key);
            }
            options.put(key, args.get(++i));
        }
        String config = options.get("--config");
        if (config == null) {
            throw new IllegalArgumentException("--config: give the network file (with a deployment section)");
        }
        Long seed = null;
        if (options.containsKey("--seed")) {
            try {
                seed = Long.parseLong(options.get("--seed"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed: must be an integer, was " + options.get("--seed"), e);
            }
        }
        double pace = options.containsKey("--pace") ? number(options, "--pace") : 0;
        Duration nodeTimeout = null;
        if (options.containsKey("--node-timeout")) {
            double seconds = number(options, "--node-timeout");
            if (!(seconds > 0 && seconds < 1e9)) {
                throw new IllegalArgumentException("--node-timeout: must be a number of seconds > 0, was " + seconds);
            }
            nodeTimeout = Duration.ofNanos((long) (seconds * 1e9));
        }
        String role = args.get(0);
        if (role.equals("node") && options.get("--node") == null) {
            throw new IllegalArgumentException("--node: say which node of the network this process is");
        }
        return new Command(role, Path.of(config), seed, options.get("--node"), options.get("--program"), pace,
                nodeTimeout);
    }

    private static double number(Map<String, String> options, String key) {
        try {
            return Double.parseDouble(options.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": must be a number, was " + options.get(key), e);
        }
    }

    /**
     * Runs the command; {@code programs} gives the node's program for its {@code --program} name.
     *
     * @return the exit status
     */
    public static int run(List<String> args, ProgramCatalog programs, PrintStream out) {
        Command c;
        PlatformSpec spec;
        DeploymentSpec deployment;
        NodeProgram program = null;
        try {
            c = parse(args);
            PlatformSpec file = NetworkConfig.load(c.config());
            spec = c.seed() == null ? file : NetworkConfig.withSeed(file, c.seed());
            deployment = NetworkConfig.deployment(c.config()).orElseThrow(() -> new ConfigurationException("deployment",
                    "the network file has no deployment section: add world: host:port and nodes: {name: host:port}"));
            if (c.node() != null && spec.node(c.node()).isEmpty()) {
                throw new IllegalArgumentException("--node: no node '" + c.node() + "' in " + c.config());
            }
            // A missing or short secret is a configuration error now, not a failure to connect later.
            for (String node : c.node() == null ? deployment.nodes().keySet() : java.util.Set.of(c.node())) {
                DeploymentKeys.worldKey(spec, deployment, node);
            }
            if (c.program() != null) {
                program = programs.program(c.program(), spec, c.node());
            }
        } catch (IllegalArgumentException | ConfigurationException | InvalidConfigurationException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        if (c.role().equals("world")) {
            WorldService.Settings settings = WorldService.Settings.DEFAULT.withPace(c.pace());
            if (c.nodeTimeout() != null) {
                settings = settings.withNodeTimeout(c.nodeTimeout());
            }
            try (WorldService world = WorldService.start(spec, deployment, settings)) {
                out.println("world: listening at " + deployment.world() + " for " + deployment.nodes().keySet());
                WorldService.Outcome o = world.awaitEnd();
                out.printf("world: %s; %d events, %.6f simulated s, %d node failures, %d refused messages%n",
                        o.note(), o.events(), o.simulatedSeconds(), o.nodeFailures(), o.malformed());
                o.programFailures().forEach((node, why) -> out.println("world: program on " + node + " failed: " + why));
                return o.ok() ? 0 : 1;
            }
        }
        try (NodeHost host = NodeHost.open(spec, deployment, c.node(), program, NodeHost.DEFAULT_PATIENCE)) {
            out.println(c.node() + ": listening at " + deployment.node(c.node()) + ", joining the world at "
                    + deployment.world());
            NodeHost.Outcome o = host.run();
            out.println(c.node() + ": " + o.note() + " (" + o.tasks() + " tasks, " + o.taskFailures() + " failed)");
            if (o.programFailure() != null) {
                out.println(c.node() + ": program failed: " + o.programFailure().getMessage());
                return 1;
            }
            return 0;
        } catch (WorldUnreachableException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
    }

}
