package org.qnetstack.hal.qdevice.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * Runs the device emulator as a program of its own, for a chain of nodes built from the simulator's device
 * presets:
 *
 * <pre>
 * java -cp ... org.qnetstack.hal.qdevice.emulator.EmulatorMain --nodes alice,bob,charlie --device nv-2022 --port 7400
 * </pre>
 *
 * It prints the driver URI of each node's device and runs until killed.
 */
public final class EmulatorMain {
    static final String USAGE = String.join("\n",
            "usage: EmulatorMain --nodes A,B[,C...] [options]",
            "  --nodes A,B,...   the chain's nodes, neighbours linked in order (at least one)",
            "  --device PRESET   every node's device preset: " + String.join(", ", DeviceParameters.PRESETS.stream()
                    .sorted().toList()) + " (default ideal)",
            "  --qubits N        qubits per node (default: the preset's)",
            "  --length-km X     each link's fibre length (default 1)",
            "  --scheme S        heralding scheme: single-click, double-click, midpoint-source, source-node "
                    + "(default single-click)",
            "  --serve A,B       serve only these nodes' devices (default all; the rest are real)",
            "  --seed N          the simulation's seed (default 1)",
            "  --bind HOST       address to listen on (default 127.0.0.1)",
            "  --port N          TCP port (default 7400; 0: any free port, printed)");

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        DeviceEmulator emulator;
        try {
            emulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        // Serves until the process is stopped (Ctrl-C, kill): then the hook closes the connections and the world.
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "qdevice-emulator-shutdown"));
        Thread.currentThread().join();
    }

    /**
     * Starts the emulator the arguments describe and prints where each device is.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    static DeviceEmulator start(String[] args, PrintStream out) throws IOException {
        Options o = Options.parse(args);
        DeviceEmulator emulator = DeviceEmulator.start(o.spec(), new InetSocketAddress(o.bind, o.port), o.serve);
        out.println("qdevice emulator listening on " + o.bind + ":" + emulator.port());
        for (String node : emulator.servedNodes()) {
            out.println("  " + node + ": " + emulator.uri(node));
        }
        out.flush();
        return emulator;
    }

    /** The command line, read and checked. */
    static final class Options {
        final List<String> nodes = new ArrayList<>();
        final Set<String> serve = new LinkedHashSet<>();
        String device = "ideal";
        int qubits;
        double lengthKm = 1;
        HeraldingScheme scheme = HeraldingScheme.SINGLE_CLICK;
        long seed = 1;
        String bind = "127.0.0.1";
        int port = 7400;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String v = args[++i];
                switch (flag) {
                    case "--nodes" -> o.nodes.addAll(names(flag, v));
                    case "--serve" -> o.serve.addAll(names(flag, v));
                    case "--device" -> {
                        if (!DeviceParameters.PRESETS.contains(v)) {
                            throw new IllegalArgumentException("--device: no preset '" + v + "'");
                        }
                        o.device = v;
                    }
                    case "--qubits" -> o.qubits = (int) number(flag, v, 1, NodeSpec.MAX_QUBITS);
                    case "--length-km" -> o.lengthKm = decimal(flag, v, LinkSpec.MAX_LENGTH_KM);
                    case "--scheme" -> o.scheme = HeraldingScheme.fromConfigName(v).orElseThrow(() ->
                            new IllegalArgumentException("--scheme: no scheme '" + v + "'"));
                    case "--seed" -> o.seed = number(flag, v, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--bind" -> o.bind = v;
                    case "--port" -> o.port = (int) number(flag, v, 0, 65535);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (o.nodes.isEmpty()) {
                throw new IllegalArgumentException("--nodes names the network's nodes");
            }
            if (new LinkedHashSet<>(o.nodes).size() != o.nodes.size()) {
                throw new IllegalArgumentException("--nodes: a node is named twice in " + o.nodes);
            }
            return o;
        }

        PlatformSpec spec() {
            List<NodeSpec> nodeSpecs = new ArrayList<>();
            for (String n : nodes) {
                nodeSpecs.add(new NodeSpec(n, device, Map.of(), qubits));
            }
            List<LinkSpec> links = new ArrayList<>();
            for (int i = 0; i + 1 < nodes.size(); i++) {
                String name = nodes.get(i) + "-" + nodes.get(i + 1);
                links.add(new LinkSpec(name, nodes.get(i), nodes.get(i + 1), lengthKm, scheme,
                        new StationSpec(name + "-station", StationSpec.SIMULATED_DETECTORS), Map.of()));
            }
            return new PlatformSpec(seed, nodeSpecs, links);
        }

        private static List<String> names(String flag, String v) {
            List<String> names = Arrays.stream(v.split(",")).map(String::trim).toList();
            if (names.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException(flag + ": an empty name in '" + v + "'");
            }
            return names;
        }

        private static long number(String flag, String v, long min, long max) {
            try {
                long x = Long.parseLong(v);
                if (x < min || x > max) {
                    throw new IllegalArgumentException(flag + " must be in [" + min + ", " + max + "] (was " + v + ")");
                }
                return x;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a whole number (was '" + v + "')");
            }
        }

        private static double decimal(String flag, String v, double max) {
            try {
                double x = Double.parseDouble(v);
                if (!(x >= 0 && x <= max)) {
                    throw new IllegalArgumentException(flag + " must be in [0, " + max + "] (was " + v + ")");
                }
                return x;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a number (was '" + v + "')");
            }
        }
    }
}
