package org.qnetstack.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.api.stack.NodeStack;
import org.qnetstack.api.stack.ProgramHost;
import org.qnetstack.api.stack.SimulatedWorld;
import org.qnetstack.api.stack.StackNode;
import org.qnetstack.hal.ClickRoute;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.transport.PreSharedKeys;

/**
 * A whole network simulated in this process: every node's stack on one virtual timeline, one program
 * per node. The same seed and configuration give the same run, bit for bit.
 *
 * <pre>{@code
 * try (var net = SimulatedNetwork.fromResource("networks/two-nodes-nv.yaml", 42)) {
 *     net.run("alice", node -> ...);
 *     net.run("bob", node -> ...);
 *     net.awaitCompletion();
 * }
 * }</pre>
 *
 * <p>A program that computes a value is {@linkplain #submit submitted}: {@code ProgramResult<Integer> r =
 * net.submit("alice", node -> ...); ... r.get()} runs the simulation and gives the value. Misuse fails with
 * {@link ApiMisuseException} saying what to do: a {@code block()} outside every program (the simulation runs
 * only inside {@link #awaitCompletion()}), any use after {@link #close()}. Programs registered but never run
 * (no {@code awaitCompletion()} before {@code close()}), and publishers a program created but never subscribed
 * to, are reported as warnings.
 *
 * <p><b>Crashes.</b> A node can be crashed and restarted while programs run, e.g. from actions scheduled with
 * {@link #at}: {@code net.at(Duration.ofSeconds(2), () -> net.crash("r")); net.at(Duration.ofSeconds(5), () ->
 * net.restart("r"));}. The other nodes notice a crash or a restart after the {@linkplain #detectionDelay
 * detection delay}, as a failure detector would.
 */
public final class SimulatedNetwork implements AutoCloseable {
    /** Simulated time a run may take unless {@link #awaitCompletion(Duration)} says otherwise. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofHours(24);

    /** The platform, fibre, stations, program host and node stack, composed by the stack package. */
    private final SimulatedWorld world;
    private final Map<String, StackNode> nodes = new LinkedHashMap<>();
    private final ProgramHost driver;
    private boolean closed;

    /** How long the simulation waits, by default, for an external detector controller to report clicks. */
    public static final Duration EXTERNAL_DETECTOR_TIMEOUT = Duration.ofSeconds(5);

    /** How long, by default, the other nodes take to notice that a node crashed or came back: 10 ms. */
    public static final Duration DEFAULT_DETECTION_DELAY = Duration.ofMillis(10);

    private final java.util.Set<String> crashed = new java.util.HashSet<>();
    private Duration detectionDelay = DEFAULT_DETECTION_DELAY;

    private SimulatedNetwork(PlatformSpec spec, Map<String, ClickRoute> photonRoutes, Duration externalTimeout,
            PreSharedKeys keys) {
        this(spec, photonRoutes, externalTimeout, keys, SimulatedWorld.Fibre.PLAIN, UnaryOperator.identity(),
                UnaryOperator.identity());
    }

    private SimulatedNetwork(PlatformSpec spec, Map<String, ClickRoute> photonRoutes, Duration externalTimeout,
            PreSharedKeys keys, SimulatedWorld.Fibre fibre, UnaryOperator<ClassicalNetwork> wire,
            UnaryOperator<NodeStack> configure) {
        this.world = SimulatedWorld.open(spec, photonRoutes, externalTimeout, keys, fibre, wire, configure);
        this.driver = world.programs();
        for (NodeSpec node : spec.nodes()) {
            nodes.put(node.name(), world.build(node.name()));
        }
    }

    /** The network described by a spec (from {@link NetworkConfig} or built by hand). */
    public static SimulatedNetwork of(PlatformSpec spec) {
        return of(spec, Map.of());
    }

    /**
     * The network described by a spec, whose nodes' stacks are configured beyond the defaults by {@code stack}:
     * e.g. the network's admission controller and the circuit policy of every socket,
     * {@code SimulatedNetwork.of(spec, s -> s.admission(Admission.of(s.networkModel(0.1, memories)))
     * .circuitPolicy(policy))}. The network gives the stack its classical network (the simulated fibre) and the
     * keys derived from the seed; the function may change anything but the classical network.
     *
     * @throws ApiMisuseException if the function returns null or a stack on another classical network
     */
    public static SimulatedNetwork of(PlatformSpec spec, UnaryOperator<NodeStack> stack) {
        ApiMisuseException.requireNonNull(stack, "stack", "give the configuration as a lambda: s -> s.admission(...)");
        return readingConfiguration(() -> new SimulatedNetwork(spec, Map.of(), EXTERNAL_DETECTOR_TIMEOUT,
                derivedKeys(spec), SimulatedWorld.Fibre.PLAIN, UnaryOperator.identity(), stack));
    }

    /**
     * The network described by a spec, some of whose stations use external detector controllers (their
     * {@code detectors} URI names a driver): each such link's simulated photons go to its route, e.g. into
     * the emulator of the device that the driver talks to.
     */
    public static SimulatedNetwork of(PlatformSpec spec, Map<String, ClickRoute> photonRoutes) {
        return of(spec, photonRoutes, EXTERNAL_DETECTOR_TIMEOUT);
    }

    /** As {@link #of(PlatformSpec, Map)}, waiting at most {@code deviceTimeout} for each report of a device. */
    public static SimulatedNetwork of(PlatformSpec spec, Map<String, ClickRoute> photonRoutes, Duration deviceTimeout) {
        return readingConfiguration(() -> new SimulatedNetwork(spec, photonRoutes, deviceTimeout,
                derivedKeys(spec)));
    }

    /**
     * The keys that authenticate classical messages, unless given: one per pair of nodes, derived from the
     * seed, so that a run stays reproducible. They are only as secret as the seed; this is a simulation.
     */
    private static PreSharedKeys derivedKeys(PlatformSpec spec) {
        return PreSharedKeys.derivedFromSeed(spec.seed(), spec.nodes().stream().map(NodeSpec::name).toList());
    }

    /**
     * The network of a spec whose classical messages cross the simulated fibre {@code fibre} builds on the
     * platform, seen by the nodes through {@code wire}: for tests that inject faults or encode every message
     * as a deployment would. Not API.
     */
    static SimulatedNetwork of(PlatformSpec spec, SimulatedWorld.Fibre fibre,
            UnaryOperator<ClassicalNetwork> wire) {
        return new SimulatedNetwork(spec, Map.of(), EXTERNAL_DETECTOR_TIMEOUT, derivedKeys(spec), fibre, wire,
                UnaryOperator.identity());
    }

    /** The network of a YAML or JSON file, with the seed given here instead of the file's. */
    public static SimulatedNetwork load(Path file, long seed) {
        return of(NetworkConfig.withSeed(NetworkConfig.load(file), seed));
    }

    /** The network of a configuration on the class path, with the seed given here. */
    public static SimulatedNetwork fromResource(String resource, long seed) {
        return of(NetworkConfig.withSeed(NetworkConfig.fromResource(resource), seed));
    }

    public static Builder builder() {
        return new Builder();
    }

    public PlatformSpec spec() {
        return world.spec();
    }

    /**
     * A node, to open sockets and take qubits from outside a program (e.g. in tests). Its publishers cannot be
     * waited for here ({@code block()} throws {@link ApiMisuseException}: the simulation runs only inside
     * {@link #awaitCompletion()}); wait for them inside a program given to {@link #run}.
     */
    public Node node(String name) {
        checkOpen();
        ApiMisuseException.requireNonNull(name, "name", "give a node's name (nodes: " + String.join(", ", nodes.keySet())
                + ")");
        StackNode n = nodes.get(name);
        if (n == null) {
            throw new ApiMisuseException("name", "no node '" + name + "' (nodes: " + String.join(", ", nodes.keySet()) + ")");
        }
        return n;
    }

    /**
     * Registers a sequential program for a node; programs start, in registration order, at time 0, when
     * {@link #awaitCompletion()} runs the simulation.
     *
     * @throws ApiMisuseException if an argument is null, the node unknown, the network closed or already run
     */
    public SimulatedNetwork run(String node, NodeProgram program) {
        ApiMisuseException.requireNonNull(program, "program", "give the program as a lambda: node -> { ... }");
        driver.run(runtime(node), program);
        return this;
    }

    /**
     * Registers a sequential program that computes a value, and returns the handle to wait for it: e.g.
     * {@code ProgramResult<List<Integer>> key = net.submit("alice", node -> ...); ... key.get()}. The program
     * runs, with the others, when {@link #awaitCompletion()} or the handle's {@link ProgramResult#get()} runs the
     * simulation.
     *
     * @throws ApiMisuseException if an argument is null, the node unknown, the network closed or already run
     */
    public <T> ProgramResult<T> submit(String node, ProgramFunction<T> program) {
        ApiMisuseException.requireNonNull(program, "program", "give the program as a lambda: node -> { ...; return value; }");
        ProgramResult<T> result = new ProgramResult<>(node, this::awaitCompletion);
        driver.run(runtime(node), n -> result.complete(program.run(n)));
        return result;
    }

    /**
     * Registers a reactive program for a node.
     *
     * @throws ApiMisuseException if an argument is null, the node unknown, the network closed or already run
     */
    public SimulatedNetwork runReactive(String node, ReactiveProgram program) {
        ApiMisuseException.requireNonNull(program, "program", "give the program as a lambda returning a publisher");
        driver.runReactive(runtime(node), program);
        return this;
    }

    private void checkOpen() {
        if (closed) {
            throw new ApiMisuseException(null, "this SimulatedNetwork was closed; build a new one (each network runs "
                    + "its programs once, inside its try-with-resources block)");
        }
    }

    /**
     * Runs the simulation until every program has finished.
     *
     * @throws SimulationException if a program failed, if the programs wait for each other with nothing
     *         left to happen, or if the default time limit passed
     */
    public void awaitCompletion() {
        awaitCompletion(DEFAULT_TIME_LIMIT);
    }

    /**
     * Runs the simulation until every program has finished, or this much simulated time has passed. Honours
     * interrupts: an interrupt of the calling thread stops the run with a {@link SimulationException} (the
     * thread's interrupt status is kept set); close the network then.
     *
     * @throws ApiMisuseException if the limit is null or beyond the clock's range (about 292 years), or the
     *         network is closed
     * @throws SimulationException as {@link #awaitCompletion()}
     */
    public void awaitCompletion(Duration simulatedLimit) {
        checkOpen();
        driver.runToCompletion(org.qnetstack.api.internal.Durations.nanos(simulatedLimit, "simulatedLimit"));
    }

    /** The simulator's true quantum state, to check what the stack reports. */
    public GroundTruth groundTruth() {
        return world.groundTruth();
    }

    /** Simulated time now, in ns. */
    public long nanos() {
        return world.scheduler(nodes.keySet().iterator().next()).clock().nanos();
    }

    /** Events the simulation has run so far (every message delivery, timer and device step is one). */
    public long events() {
        return world.events();
    }

    /** Classical messages the nodes and stations have sent so far. */
    public long classicalMessages() {
        return world.classicalMessages();
    }

    /** Attempts made so far on the link between two neighbours (counted at the first). */
    public long attempts(String node, String neighbour) {
        return nodes.get(node).attempts(neighbour);
    }

    /** The link between two neighbours, with its model of success probability and heralded state. */
    public HeraldedLink link(String node, String neighbour) {
        return world.link(spec().linkBetween(node, neighbour).orElseThrow(() ->
                new ApiMisuseException(null, node + " and " + neighbour + " are not neighbours; name two ends of one link")).name());
    }

    /** The α the link layer of {@code node} uses for pairs with the neighbour at this minimum fidelity. */
    public double alphaFor(String node, String neighbour, double minFidelity) {
        return nodes.get(node).alphaFor(neighbour, minFidelity);
    }

    /**
     * How long after a crash or a restart the other nodes notice it (default {@link #DEFAULT_DETECTION_DELAY}):
     * the time a failure detector (missed heartbeats, a dropped connection) would take.
     *
     * @throws ApiMisuseException if negative
     */
    public SimulatedNetwork detectionDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new ApiMisuseException("delay", "the detection delay must be ≥ 0 (was " + delay + ")");
        }
        this.detectionDelay = delay;
        return this;
    }

    /**
     * Runs the action in the simulation at this simulated time (from the start of the run), between the events
     * of the programs and the stacks, e.g. to crash or restart a node mid-run.
     *
     * @throws ApiMisuseException if the time has passed already
     */
    public SimulatedNetwork at(Duration simulatedTime, Runnable action) {
        checkOpen();
        ApiMisuseException.requireNonNull(action, "action", "give the action as a lambda: () -> ...");
        long at = org.qnetstack.api.internal.Durations.nanos(simulatedTime, "simulatedTime");
        if (at < nanos()) {
            throw new ApiMisuseException("simulatedTime", simulatedTime + " has passed (now " + Duration.ofNanos(nanos())
                    + "); schedule actions for later times");
        }
        world.scheduler(spec().nodes().get(0).name()).scheduleAt(at, action);
        return this;
    }

    /**
     * Crashes a node now: its stack stops (nothing it held survives: every qubit of its device is discarded),
     * classical messages to and from it are lost from now on, and the programs on it end with
     * {@link NodeCrashedException} (which fails no run; nobody waits for them). After the detection delay every
     * other node is told it is down: their pairs and circuits with it end, with UNREACHABLE errors naming it,
     * and what they held for it is freed.
     *
     * @throws ApiMisuseException if there is no such node, or it is down already (restart it first)
     */
    public void crash(String node) {
        StackNode runtime = runtime(node);
        if (!crashed.add(node)) {
            throw new ApiMisuseException(null, node + " has crashed already; restart(\"" + node + "\") it first");
        }
        world.disconnect(node);
        runtime.crash();
        driver.crashed(node);
        tellOthersLater(node, other -> other.peerDown(node));
    }

    /**
     * Restarts a crashed node now with a fresh stack that remembers nothing (no program runs on it); its messages
     * flow again, and after the detection delay every other node is told it is back, so that pairs through it
     * can be had again.
     *
     * @throws ApiMisuseException if there is no such node, or it has not crashed
     */
    public void restart(String node) {
        runtime(node);
        if (!crashed.remove(node)) {
            throw new ApiMisuseException(null, node + " is running; crash(\"" + node + "\") it before restarting it");
        }
        StackNode fresh = world.build(node);
        nodes.put(node, fresh);
        world.reconnect(node);
        crashed.forEach(fresh::peerDown); // it starts knowing who is down now
        tellOthersLater(node, other -> other.peerUp(node));
    }

    private StackNode runtime(String node) {
        return (StackNode) node(node);
    }

    /** After the detection delay, tells every node then running (the one concerned aside). */
    private void tellOthersLater(String node, java.util.function.Consumer<StackNode> tell) {
        world.scheduler(node).schedule(detectionDelay.toNanos(), () -> {
            for (Map.Entry<String, StackNode> e : nodes.entrySet()) {
                if (!e.getKey().equals(node) && !crashed.contains(e.getKey())) {
                    tell.accept(e.getValue());
                }
            }
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        driver.warnIfNeverRun();
        driver.stop();
        nodes.values().forEach(StackNode::close);
        world.close();
    }

    /** Builds a network in code: nodes with device presets, links with lengths. */
    public static final class Builder {
        private long seed;
        private final List<NodeSpec> nodes = new ArrayList<>();
        private final List<LinkSpec> links = new ArrayList<>();
        private @Nullable PreSharedKeys keys;

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder node(String name, String devicePreset) {
            nodes.add(NodeSpec.of(name, devicePreset));
            return this;
        }

        public Builder node(String name, String devicePreset, Map<String, Object> overrides) {
            nodes.add(new NodeSpec(name, devicePreset, overrides, 0));
            return this;
        }

        public Builder link(String a, String b, double lengthKm) {
            String name = a + "-" + b;
            links.add(new LinkSpec(name, a, b, lengthKm, HeraldingScheme.SINGLE_CLICK,
                    new StationSpec(name + "-station", StationSpec.SIMULATED_DETECTORS), Map.of()));
            return this;
        }

        /**
         * The keys that authenticate the nodes' classical messages, instead of keys derived from the seed;
         * a pair of nodes without one cannot exchange classical messages.
         */
        public Builder preSharedKeys(PreSharedKeys keys) {
            this.keys = keys;
            return this;
        }

        public SimulatedNetwork build() {
            PlatformSpec spec = new PlatformSpec(seed, nodes, links);
            return readingConfiguration(() -> new SimulatedNetwork(spec, Map.of(), EXTERNAL_DETECTOR_TIMEOUT,
                    keys != null ? keys : derivedKeys(spec)));
        }
    }

    /**
     * Runs {@code reading}, handing a configuration error of the layers below (the HAL's) on as the API's
     * {@link org.qnetstack.api.InvalidConfigurationException}: same path, reason and message, the original as cause.
     */
    private static <T> T readingConfiguration(java.util.function.Supplier<T> reading) {
        try {
            return reading.get();
        } catch (ConfigurationException e) {
            throw new org.qnetstack.api.InvalidConfigurationException(e.path(), e.reason(), e);
        }
    }
}
