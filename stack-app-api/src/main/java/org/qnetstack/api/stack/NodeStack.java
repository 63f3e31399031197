package org.qnetstack.api.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.internal.NodeRuntime;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.link.LinkLayer;
import org.qnetstack.network.Admission;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.NetworkLayer;
import org.qnetstack.network.NetworkModel;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.HeraldingNode;
import org.qnetstack.physical.PhysicalLayer;
import org.qnetstack.transport.PreSharedKeys;
import org.qnetstack.transport.TransportService;
import org.qnetstack.transport.TransportSettings;

/**
 * Builds a node's whole stack from a {@link Platform} upward, the one place a runtime does so: the qubit
 * memory and local operations on the node's device (physical), the link layer of every link it ends, the
 * network layer with the network's {@link Admission} controller, the transport, and the application runtime
 * whose sockets ask for pairs under the stack's default {@link CircuitPolicy}.
 *
 * <p>The controller: the one given ({@link #admission}) plans and admits every request; without one, the stack
 * builds one for the platform ({@link #networkModel(double)} at α = {@value #DEFAULT_MODEL_ALPHA},
 * the memories as the devices declare them), shared by every node it builds, which plans and admits the requests
 * of sockets given a {@link org.qnetstack.api.PairQuality} and leaves the others best effort, as before.
 *
 * <p>Immutable: every option returns a new instance and leaves this one as it was, so a configured stack can
 * build every node of a network (and a restarted node again). An option given a bad value throws
 * {@link ConfigurationException} naming the option and the reason.
 *
 * <pre>{@code
 * NodeStack stack = NodeStack.on(platform)
 *         .classical(FibreNetwork.on(platform))
 *         .admission(Admission.of(model))           // e.g. stack.networkModel(0.1, memories); shared by the nodes
 *         .circuitPolicy(new CircuitPolicy(new Distillation(DistillationProtocol.DEJMPS, 1), 0));
 * ProgramHost programs = ProgramHost.on(platform);
 * StackNode alice = stack.build("alice", programs);
 * }</pre>
 *
 * <p>The stations of the links are built by {@code org.qnetstack.physical.StationStack}; a diagram of what
 * gets built is in {@code docs/architecture.md}.
 */
public final class NodeStack {
    private final Platform platform;
    private final @Nullable ClassicalNetwork classical;
    private final PreSharedKeys keys;
    private final TransportSettings transport;
    private final @Nullable Admission admission;
    private final CircuitPolicy circuitPolicy;
    /** The controller built for the platform when none is given: one per {@link #on}, shared by its copies. */
    private final DefaultController defaultController;

    /** Bright-state population the default controller plans the links at. */
    public static final double DEFAULT_MODEL_ALPHA = 0.1;

    /**
     * Built at the first node, so that a stack that never builds one never reads the platform's figures. A
     * platform that does not describe every node (a deployment's process reaches only its own device) has none:
     * no one process could plan for the network, and sockets given a quality are refused, saying so.
     */
    private static final class DefaultController {
        private final Platform platform;
        private boolean tried;
        private @Nullable Admission controller;

        DefaultController(Platform platform) {
            this.platform = platform;
        }

        synchronized @Nullable Admission get() {
            if (!tried) {
                tried = true;
                try {
                    controller = Admission.of(platformModel(platform, DEFAULT_MODEL_ALPHA));
                } catch (RuntimeException e) {
                    controller = null; // this platform cannot describe the whole network
                }
            }
            return controller;
        }
    }

    private NodeStack(Platform platform, @Nullable ClassicalNetwork classical, PreSharedKeys keys,
            TransportSettings transport, @Nullable Admission admission, CircuitPolicy circuitPolicy,
            DefaultController defaultController) {
        this.defaultController = defaultController;
        this.platform = platform;
        this.classical = classical;
        this.keys = keys;
        this.transport = transport;
        this.admission = admission;
        this.circuitPolicy = circuitPolicy;
    }

    /**
     * The stacks of the platform's nodes, with the defaults: keys derived from the platform's seed, default
     * transport settings, the platform's own controller (planning only sockets given a quality), circuit policy
     * {@link CircuitPolicy#NONE}. The classical network must still be given.
     *
     * @throws ConfigurationException naming {@code platform} if it is null
     */
    public static NodeStack on(Platform platform) {
        require(platform, "platform", "give the platform whose devices, links and clock the stack runs on");
        return new NodeStack(platform, null, PreSharedKeys.derivedFromSeed(platform.spec().seed(),
                platform.spec().nodes().stream().map(NodeSpec::name).toList()), TransportSettings.DEFAULT, null,
                CircuitPolicy.NONE, new DefaultController(platform));
    }

    /** The classical network every layer sends on (required): e.g. {@code FibreNetwork.on(platform)}. */
    public NodeStack classical(ClassicalNetwork network) {
        require(network, "classical", "give the classical network the node's layers send on");
        return new NodeStack(platform, network, keys, transport, admission, circuitPolicy, defaultController);
    }

    /** The keys that authenticate the node's classical messages, instead of keys derived from the seed. */
    public NodeStack keys(PreSharedKeys preSharedKeys) {
        require(preSharedKeys, "keys", "give the keys the nodes share (PreSharedKeys.of or derivedFromSeed)");
        return new NodeStack(platform, classical, preSharedKeys, transport, admission, circuitPolicy, defaultController);
    }

    /** The transport's retransmission and queue settings, instead of {@link TransportSettings#DEFAULT}. */
    public NodeStack transport(TransportSettings settings) {
        require(settings, "transport", "give the transport settings (TransportSettings.DEFAULT for the defaults)");
        return new NodeStack(platform, classical, keys, settings, admission, circuitPolicy, defaultController);
    }

    /**
     * The network's controller, shared by every node built from this stack, instead of the platform's own: every
     * request (not only those of sockets given a quality) takes its quantum-aware path, is admitted against the
     * capacity already reserved, and is refused (a socket's {@code EprException} REFUSED) when no path meets its
     * minimum fidelity.
     */
    public NodeStack admission(Admission controller) {
        require(controller, "admission", "give the network's controller (Admission.of(model)), or leave it unset "
                + "for hop-shortest best-effort paths");
        return new NodeStack(platform, classical, keys, transport, controller, circuitPolicy, defaultController);
    }

    /**
     * The policy (distillation before swapping, cutoff) the node's sockets ask their circuits for, instead of
     * {@link CircuitPolicy#NONE}. Under another policy pairs come through a circuit even between neighbours; for
     * measure-directly requests each end measures the circuit's (distilled) pair as soon as it holds it.
     */
    public NodeStack circuitPolicy(CircuitPolicy policy) {
        require(policy, "circuitPolicy", "give a policy (CircuitPolicy.NONE for swapping only, no cutoff)");
        return new NodeStack(platform, classical, keys, transport, admission, policy, defaultController);
    }

    public Platform platform() {
        return platform;
    }

    public Optional<ClassicalNetwork> classical() {
        return Optional.ofNullable(classical);
    }

    public PreSharedKeys keys() {
        return keys;
    }

    public TransportSettings transport() {
        return transport;
    }

    public Optional<Admission> admission() {
        return Optional.ofNullable(admission);
    }

    public CircuitPolicy circuitPolicy() {
        return circuitPolicy;
    }

    /**
     * The figures of this stack's platform for the network's {@link Admission} controller, at bright-state
     * population α (each link's largest if lower): kept pairs come one per keep attempt period
     * ({@link HeraldingNode#keepAttemptSlots}) with the success probability of one attempt
     * ({@link NetworkModel.Link#kept}). Every qubit of a node counts; the memories' T1 and T2 come from the caller.
     */
    public NetworkModel networkModel(double alpha, Function<String, NetworkModel.Memory> memories) {
        return model(platform, alpha, memories);
    }

    /**
     * The figures the platform's own controller plans with: as {@link #networkModel(double, Function)}, each node's
     * memories as its device declares them ({@link org.qnetstack.hal.DeviceInfo#memory()}), and each link also
     * offering slower, better operating points at α·0.75^k (k = 1 … {@value #SLOWER_POINTS}, while its fidelity
     * still rises), so that the controller can trade a link's rate for fidelity as its link layer would.
     */
    public NetworkModel networkModel(double alpha) {
        return platformModel(platform, alpha);
    }

    /** Slower operating points at most per link in {@link #networkModel(double)}: α down to α·0.75^15 ≈ α/75. */
    static final int SLOWER_POINTS = 15;

    private static NetworkModel platformModel(Platform platform, double alpha) {
        NetworkModel one = model(platform, alpha, name -> {
            org.qnetstack.hal.DeviceInfo.Coherence c = platform.device(name).info().memory();
            return new NetworkModel.Memory(c.t1Nanos(), c.t2Nanos());
        });
        List<NetworkModel.Link> links = new ArrayList<>();
        for (NetworkModel.Link l : one.links()) {
            HeraldedLink link = platform.link(l.name());
            List<NetworkModel.OperatingPoint> slower = new ArrayList<>();
            NetworkModel.OperatingPoint previous = l.point(0);
            double a = Math.min(alpha, link.maxAlpha());
            for (int k = 1; k <= SLOWER_POINTS; k++) {
                a *= 0.75;
                NetworkModel.OperatingPoint p = point(link, a);
                if (!(p.fidelity() > previous.fidelity() + 1e-6) || !(p.pairsPerSecond() > 0)
                        || p.pairsPerSecond() > previous.pairsPerSecond()) {
                    break;
                }
                slower.add(p);
                previous = p;
            }
            links.add(new NetworkModel.Link(l.name(), l.nodeA(), l.nodeB(), l.pairsPerSecond(), l.fidelity(),
                    l.delayNanos(), l.storedBeforeHeraldNanos(), slower));
        }
        return new NetworkModel(links, one.nodes());
    }

    private static NetworkModel model(Platform platform, double alpha,
                                      Function<String, NetworkModel.Memory> memories) {
        List<NetworkModel.Link> links = new ArrayList<>();
        for (LinkSpec spec : platform.spec().links()) {
            HeraldedLink link = platform.link(spec.name());
            double a = Math.min(alpha, link.maxAlpha());
            links.add(NetworkModel.Link.kept(spec, link.successProbability(a), link.heraldedFidelity(a),
                    link.delayBetweenNodesNanos(), keepPeriodNanos(link)));
        }
        List<NetworkModel.Node> nodes = new ArrayList<>();
        for (NodeSpec spec : platform.spec().nodes()) {
            NetworkModel.Memory m = memories.apply(spec.name());
            nodes.add(new NetworkModel.Node(spec.name(), platform.device(spec.name()).info().qubitCount(),
                    m.t1Nanos(), m.t2Nanos()));
        }
        return new NetworkModel(links, nodes);
    }

    /** One keep attempt period of a link, ns. */
    private static long keepPeriodNanos(HeraldedLink link) {
        return HeraldingNode.keepAttemptSlots(link) * link.slotNanos();
    }

    /** A link at bright-state population α: one kept pair per keep period with the success probability. */
    private static NetworkModel.OperatingPoint point(HeraldedLink link, double alpha) {
        return new NetworkModel.OperatingPoint(link.successProbability(alpha) * 1e9 / keepPeriodNanos(link),
                link.heraldedFidelity(alpha));
    }

    /**
     * Builds the stack of one node of the platform, its programs run by {@code programs}.
     *
     * @throws ConfigurationException naming the field if the classical network was never given, the node is not
     *         in the platform's spec, or the host is null
     */
    public StackNode build(String node, ProgramHost programs) {
        if (classical == null) {
            throw new ConfigurationException("classical", "a NodeStack needs the classical network its layers send "
                    + "on: call classical(network) before build()");
        }
        require(programs, "programs", "give the ProgramHost that runs the node's programs");
        if (node == null || platform.spec().node(node).isEmpty()) {
            throw new ConfigurationException("node", "no node '" + node + "' in the platform's spec (nodes: "
                    + String.join(", ", platform.spec().nodes().stream().map(NodeSpec::name).toList()) + ")");
        }
        PhysicalLayer physical = PhysicalLayer.on(node, platform);
        LinkLayer link = LinkLayer.create(physical, classical);
        Admission controller = admission != null ? admission : defaultController.get();
        NetworkLayer network = NetworkLayer.create(node, platform.spec(), link, classical, physical.operations(),
                physical.scheduler(), controller);
        TransportService transportService = TransportService.create(node, network, classical, physical.scheduler(),
                keys, transport);
        NodeRuntime runtime = new NodeRuntime(node, platform.spec(), physical.scheduler(), physical.memory(),
                physical.operations(), transportService, programs.runner(), physical.random("app/" + node),
                new QualityPlans(node, controller), admission != null, circuitPolicy);
        return new LayeredNode(runtime, link, network);
    }

    private static void require(@Nullable Object value, String field, String what) {
        if (value == null) {
            throw new ConfigurationException(field, "must not be null: " + what);
        }
    }

    @Override
    public String toString() {
        return "NodeStack[classical=" + (classical == null ? "unset" : classical.getClass().getSimpleName())
                + ", admission=" + (admission == null ? "platform's own" : "given") + ", circuitPolicy=" + circuitPolicy
                + ", transport=" + transport + "]";
    }
}
