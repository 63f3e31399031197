package org.qnetstack.architecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which module a class belongs to, by its package (a module is known by its top package, org.qnetstack.link for
 * stack-link; the HAL's drivers and test kit live under org.qnetstack.hal.* and org.qnetstack.sim), and the stack's
 * layers from the top down.
 */
final class Modules {
    static final String HAL_API = "hal-api";
    static final String MESSAGING = "stack-messaging";
    static final String PHYSICAL = "stack-physical";
    static final String TCP = "stack-net-tcp";
    static final String LINK = "stack-link";
    static final String NETWORK = "stack-network";
    static final String TRANSPORT = "stack-transport";
    static final String APP_API = "stack-app-api";

    /** Package prefix → module; the longest matching prefix wins (hal.serial before hal). */
    private static final Map<String, String> BY_PACKAGE = byPackage(
            "org.qnetstack.hal.serial", "hal-serial",
            "org.qnetstack.hal.tck", "hal-tck",
            "org.qnetstack.hal.qdevice", "hal-qdevice",
            "org.qnetstack.hal", HAL_API,
            "org.qnetstack.sim", "hal-sim",
            "org.qnetstack.messaging", MESSAGING,
            "org.qnetstack.physical", PHYSICAL,
            "org.qnetstack.tcp", TCP,
            "org.qnetstack.link", LINK,
            "org.qnetstack.network", NETWORK,
            "org.qnetstack.transport", TRANSPORT,
            "org.qnetstack.api", APP_API,
            "org.qnetstack.deploy", "deploy",
            "org.qnetstack.apps", "apps",
            "org.qnetstack.examples", "examples",
            "org.qnetstack.benchmarks", "benchmarks",
            "org.qnetstack.study.spark", "study-spark",
            "org.qnetstack.study", "study");

    /**
     * The stack's modules with their rank: a module may use only those of lower rank. TCP is one implementation
     * of messaging's ClassicalNetwork, beside the physical layer: no layer uses it, it uses messaging only.
     */
    static final Map<String, Integer> RANK = Map.of(HAL_API, 0, MESSAGING, 1, PHYSICAL, 2, TCP, 2, LINK, 3,
            NETWORK, 4, TRANSPORT, 5, APP_API, 6);

    /** The one module each layer builds on. */
    static final Map<String, String> NEIGHBOUR = Map.of(MESSAGING, HAL_API, PHYSICAL, HAL_API, TCP, MESSAGING,
            LINK, PHYSICAL, NETWORK, LINK, TRANSPORT, NETWORK, APP_API, TRANSPORT);

    /** What every layer may use of the HAL beyond its neighbour: time and timers. */
    static final Set<String> HAL_TIME = Set.of("org.qnetstack.hal.Clock", "org.qnetstack.hal.Scheduler",
            "org.qnetstack.hal.TimerHandle");

    /** What every layer may use of the HAL beyond its neighbour besides time: the rate-limited log. */
    static final String HAL_LOG = "org.qnetstack.hal.log";

    /**
     * The HAL's description vocabulary, which every layer may name: immutable values that describe the hardware
     * and in which every layer's configuration and requests are written (the platform's spec and its parts, bases,
     * measurement axes, gates, a qubit's address) and the error a spec that cannot hold throws. They do nothing:
     * naming one reaches no device. The HAL's device interfaces (Platform, QuantumDevice, HeraldedLink,
     * DetectorController, Drivers, GroundTruth, ...) are not in it: above the physical layer the device is reached
     * through the physical layer's services.
     */
    static final Set<String> HAL_VOCABULARY = Set.of("PlatformSpec", "NodeSpec", "LinkSpec", "StationSpec",
                    "HeraldingScheme", "ConfigurationException", "Basis", "MeasurementAxis", "Axis", "Gate",
                    "TwoQubitGate", "QubitAddress").stream()
            .map(name -> "org.qnetstack.hal." + name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The physical layer's service over the node's qubits, which every layer above it may use: the node's qubits
     * are one memory (DESIGN §4: the physical layer owns them), the link layer hands its pairs up as qubit
     * numbers in it, and the layers that then hold those qubits (the network layer's swaps and distillation, the
     * application's qubits) allocate, operate on and release them there, never on the device.
     */
    static final Set<String> NODE_QUBITS = Set.of("org.qnetstack.physical.QubitMemory",
            "org.qnetstack.physical.LocalOperations");

    /**
     * The words of a pair request and of a pair, which the services pass up and down unchanged: the transport
     * serves EPR sockets by handing the network layer's {@code PairRequest} down, its {@code DemandId} back (to
     * cancel that one request) and its pairs and errors up ({@code TransportService.requestPairs},
     * {@code cancelPairs}, {@code listenPairs}; DESIGN §4: it multiplexes the sockets over circuits), and those
     * records are written in the link layer's request type, pair id, bases and error codes. Every layer above a
     * type's module may name it.
     */
    static final Set<String> PAIR_VOCABULARY = Set.of(
            "org.qnetstack.network.PairRequest", "org.qnetstack.network.PairListener",
            "org.qnetstack.network.DemandId",
            "org.qnetstack.network.EndToEndPair", "org.qnetstack.network.NetworkError",
            "org.qnetstack.network.CircuitId", "org.qnetstack.network.CircuitPolicy",
            "org.qnetstack.network.FidelityTesting", "org.qnetstack.network.MeasuredFidelity",
            "org.qnetstack.link.RequestType", "org.qnetstack.link.EntanglementId", "org.qnetstack.link.BasisChoice",
            "org.qnetstack.link.MeasureBasis", "org.qnetstack.link.LinkErrorCode",
            "org.qnetstack.link.InvalidRequestException");

    /**
     * The simulated network's handles on its world, which only {@code org.qnetstack.api.SimulatedNetwork} may
     * name: it is the runtime that owns a simulated world (composed by {@code api.stack.SimulatedWorld}), and its
     * public API hands tests and examples the world's ground truth and a link's model, to check what the stack
     * claims against reality (DESIGN §3), and takes the routes of simulated photons to external detectors. No
     * protocol code sees them: the runtime of the nodes and every layer below stay on the rule.
     */
    static final String SIMULATED_NETWORK = "org.qnetstack.api.SimulatedNetwork";
    static final Set<String> SIMULATION_HANDLES = Set.of("org.qnetstack.hal.GroundTruth",
            "org.qnetstack.hal.HeraldedLink", "org.qnetstack.hal.ClickRoute");

    /** Whether every layer may name the class, whatever its module: time, the log, or one of the vocabularies. */
    static boolean sharedBeyondTheNeighbour(String className, String packageName) {
        return HAL_TIME.contains(className) || packageName.equals(HAL_LOG) || HAL_VOCABULARY.contains(className)
                || NODE_QUBITS.contains(className) || PAIR_VOCABULARY.contains(className);
    }

    /** Device drivers and the HAL's test kit: the stack reaches devices only through hal-api. */
    static final Set<String> DRIVERS = Set.of("hal-sim", "hal-serial", "hal-qdevice", "hal-tck");

    private Modules() {
    }

    private static Map<String, String> byPackage(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The module of a class or package name; null outside every module. */
    static String of(String name) {
        String best = null;
        for (String prefix : BY_PACKAGE.keySet()) {
            boolean inside = name.equals(prefix) || name.startsWith(prefix + ".");
            if (inside && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : BY_PACKAGE.get(best);
    }

    /**
     * The package that composes a node from every layer ({@code NodeStack}): its job is to reach each layer's
     * public factory, so the neighbour rule does not apply to it (the other rules do).
     */
    static final String COMPOSITION_ROOT = "org.qnetstack.api.stack";

    static boolean isStack(String module) {
        return RANK.containsKey(module) && !module.equals(HAL_API);
    }

    /** Whether the package is an implementation package (…internal or below it). */
    static boolean isInternal(String packageName) {
        return List.of(packageName.split("\\.")).contains("internal");
    }
}
