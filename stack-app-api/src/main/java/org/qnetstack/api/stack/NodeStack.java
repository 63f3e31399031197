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
 * network layer (with the network's {@link Admission} controller if given), the transport, and the
 * application runtime whose sockets ask for pairs under the stack's default {@link CircuitPolicy}.
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

    private NodeStack(Platform platform, @Nullable ClassicalNetwork classical, PreSharedKeys keys,
            TransportSettings transport, @Nullable Admission admission, CircuitPolicy circuitPolicy) {
        this.platform = platform;
        this.classical = classical;
        this.keys = keys;
        this.transport = transport;
        this.admission = admission;
        this.circuitPolicy = circuitPolicy;
    }

    /**
     * The stacks of the platform's nodes, with the defaults: keys derived from the platform's seed, default
     * transport settings, no admission controller (hop-shortest paths, best effort), circuit policy
     * {@link CircuitPolicy#NONE}. The classical network must still be given.
     *
     * @throws ConfigurationException naming {@code platform} if it is null
     */
    public static NodeStack on(Platform platform) {
        require(platform, "platform", "give the platform whose devices, links and clock the stack runs on");
        return new NodeStack(platform, null, PreSharedKeys.derivedFromSeed(platform.spec().seed(),
                platform.spec().nodes().stream().map(NodeSpec::name).toList()), TransportSettings.DEFAULT, null,
                CircuitPolicy.NONE);
    }

    /** The classical network every layer sends on (required): e.g. {@code FibreNetwork.on(platform)}. */
    public NodeStack classical(ClassicalNetwork network) {
        require(network, "classical", "give the classical network the node's layers send on");
        return new NodeStack(platform, network, keys, transport, admission, circuitPolicy);
    }

    /** The keys that authenticate the node's classical messages, instead of keys derived from the seed. */
    public NodeStack keys(PreSharedKeys preSharedKeys) {
        require(preSharedKeys, "keys", "give the keys the nodes share (PreSharedKeys.of or derivedFromSeed)");
        return new NodeStack(platform, classical, preSharedKeys, transport, admission, circuitPolicy);
    }

    /** The transport's retransmission and queue settings, instead of {@link TransportSettings#DEFAULT}. */
    public NodeStack transport(TransportSettings settings) {
        require(settings, "transport", "give the transport settings (TransportSettings.DEFAULT for the defaults)");
        return new NodeStack(platform, classical, keys, settings, admission, circuitPolicy);
    }

    /**
     * The network's controller, shared by every node built from this stack: circuits take its quantum-aware
     * path, are admitted against the capacity already reserved, and are refused ({@code AdmissionException},
     * which a socket reports as its request's error) when no path meets the request's minimum fidelity.
     */
    public NodeStack admission(Admission controller) {
        require(controller, "admission", "give the network's controller (Admission.of(model)), or leave it unset "
                + "for hop-shortest best-effort paths");
        return new NodeStack(platform, classical, keys, transport, controller, circuitPolicy);
    }

    /**
     * The policy (distillation before swapping, cutoff) the node's sockets ask their circuits for, instead of
     * {@link CircuitPolicy#NONE}. Under another policy pairs come through a circuit even between neighbours; for
     * measure-directly requests each end measures the circuit's (distilled) pair as soon as it holds it.
     */
    public NodeStack circuitPolicy(CircuitPolicy policy) {
        require(policy, "circuitPolicy", "give a policy (CircuitPolicy.NONE for swapping only, no cutoff)");
        return new NodeStack(platform, classical, keys, transport, admission, policy);
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
     * ({@link NetworkModel.Link#kept}). Every qubit of a node counts; the memories' T1 and T2 come from the caller
     * (the hardware interface does not expose them).
     */
    public NetworkModel networkModel(double alpha, Function<String, NetworkModel.Memory> memories) {
        List<NetworkModel.Link> links = new ArrayList<>();
        for (LinkSpec spec : platform.spec().links()) {
            HeraldedLink link = platform.link(spec.name());
            double a = Math.min(alpha, link.maxAlpha());
            links.add(NetworkModel.Link.kept(spec, link.successProbability(a), link.heraldedFidelity(a),
                    link.delayBetweenNodesNanos(), HeraldingNode.keepAttemptSlots(link) * link.slotNanos()));
        }
        List<NetworkModel.Node> nodes = new ArrayList<>();
        for (NodeSpec spec : platform.spec().nodes()) {
            NetworkModel.Memory m = memories.apply(spec.name());
            nodes.add(new NetworkModel.Node(spec.name(), platform.device(spec.name()).info().qubitCount(),
                    m.t1Nanos(), m.t2Nanos()));
        }
        return new NetworkModel(links, nodes);
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
        NetworkLayer network = NetworkLayer.create(node, platform.spec(), link, classical, physical.operations(),
                physical.scheduler(), admission);
        TransportService transportService = TransportService.create(node, network, classical, physical.scheduler(),
                keys, transport);
        NodeRuntime runtime = new NodeRuntime(node, platform.spec(), physical.scheduler(), physical.memory(),
                physical.operations(), transportService, programs.runner(), physical.random("app/" + node),
                circuitPolicy);
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
                + ", admission=" + (admission == null ? "none" : "controller") + ", circuitPolicy=" + circuitPolicy
                + ", transport=" + transport + "]";
    }
}
