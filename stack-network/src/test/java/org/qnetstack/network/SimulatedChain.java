package org.qnetstack.network;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QubitAddress;
import org.qnetstack.hal.StationSpec;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.qnetstack.link.LinkLayer;
import org.qnetstack.link.LinkService;
import org.qnetstack.network.internal.AdmissionController;
import org.qnetstack.sim.device.DeviceParameters;
import org.qnetstack.link.internal.DefaultLinkService;
import org.qnetstack.network.internal.CircuitNetworkService;
import org.qnetstack.physical.ClassicalFaults;
import org.qnetstack.physical.FibreNetwork;
import org.qnetstack.physical.HeraldingStations;
import org.qnetstack.physical.LinkModel;
import org.qnetstack.physical.PhysicalLayer;
import org.qnetstack.physical.QubitMemory;
import org.qnetstack.physical.StationStack;

/**
 * A chain n0 – n1 – … on the simulated platform, with the pairs and errors each end receives on one socket. Its
 * stations come from {@link StationStack} and each node's layers from the factories {@code NodeStack} uses
 * ({@link FibreNetwork}, {@link LinkLayer#create}, {@link NetworkLayer#create}); {@code NodeStack} itself lives
 * in stack-app-api, above this module, and adds the transport and sockets these tests go below. The casts
 * reach this module's implementations for the counters and hooks the tests read.
 */
final class SimulatedChain implements AutoCloseable {
    static final int SOCKET = 5;

    final Platform platform;
    final GroundTruth truth;
    final @Nullable AdmissionController controller;
    final Map<String, QubitMemory> memories = new LinkedHashMap<>();
    final Map<String, CircuitNetworkService> services = new LinkedHashMap<>();
    final Map<String, List<EndToEndPair>> pairs = new LinkedHashMap<>();
    final Map<String, List<NetworkError>> errors = new LinkedHashMap<>();
    final Map<String, DefaultLinkService> links = new LinkedHashMap<>();
    private final HeraldingStations stations;
    private final FibreNetwork classical;

    /** A chain of {@code nodes} nodes of one preset with overrides, links 1 km long. */
    static PlatformSpec spec(int nodes, String preset, Map<String, Object> overrides, long seed) {
        List<NodeSpec> ns = new ArrayList<>();
        List<LinkSpec> ls = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ns.add(new NodeSpec("n" + i, preset, overrides, 0));
            if (i > 0) {
                String name = "n" + (i - 1) + "-n" + i;
                ls.add(new LinkSpec(name, "n" + (i - 1), "n" + i, 1, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec(name + "-station", StationSpec.SIMULATED_DETECTORS), Map.of()));
            }
        }
        return new PlatformSpec(seed, ns, ls);
    }

    SimulatedChain(PlatformSpec spec) {
        this(spec, ClassicalFaults.NONE, (node, link) -> link);
    }

    /** The link layer each network layer uses can be wrapped (to add noise a test controls). */
    interface LinkWrapper {
        LinkService wrap(String node, LinkService link);
    }

    SimulatedChain(PlatformSpec spec, ClassicalFaults faults, LinkWrapper wrapper) {
        this(spec, faults, wrapper, p -> null);
    }

    /** A network whose nodes share the controller made for its platform (null for none). */
    SimulatedChain(PlatformSpec spec, Function<Platform, AdmissionController> controllerFor) {
        this(spec, ClassicalFaults.NONE, (node, link) -> link, controllerFor);
    }

    /**
     * The network's model as the simulator's devices have it: the link model at α = 0.1 (each link's largest
     * if lower), and each node's shortest T1 and T2 over its communication and storage qubits.
     */
    static NetworkModel model(Platform platform) {
        List<NetworkModel.Link> links = new ArrayList<>();
        for (LinkSpec spec : platform.spec().links()) {
            LinkModel link = new LinkModel(platform.link(spec.name()));
            double a = Math.min(0.1, link.maxAlpha());
            links.add(NetworkModel.Link.kept(spec, link.successProbability(a), link.heraldedFidelity(a),
                    link.delayBetweenNodesNanos(), link.keepAttemptSlots() * link.slotNanos()));
        }
        List<NetworkModel.Node> nodes = new ArrayList<>();
        for (NodeSpec n : platform.spec().nodes()) {
            DeviceParameters d = DeviceParameters.of(n.device(), n.overrides());
            nodes.add(new NetworkModel.Node(n.name(), platform.device(n.name()).info().qubitCount(),
                    Math.min(d.communicationT1(), d.storageT1()), Math.min(d.communicationT2(), d.storageT2())));
        }
        return new NetworkModel(links, nodes);
    }

    SimulatedChain(PlatformSpec spec, ClassicalFaults faults, LinkWrapper wrapper,
                   Function<Platform, AdmissionController> controllerFor) {
        platform = Drivers.openPlatform(URI.create("sim:world"), spec);
        controller = controllerFor.apply(platform);
        truth = platform.groundTruth().orElseThrow();
        classical = FibreNetwork.on(platform, faults);
        stations = StationStack.on(platform).classical(classical).start();
        for (NodeSpec n : spec.nodes()) {
            PhysicalLayer physical = PhysicalLayer.on(n.name(), platform);
            memories.put(n.name(), physical.memory());
            DefaultLinkService defaultLink = (DefaultLinkService) LinkLayer.create(physical, classical);
            links.put(n.name(), defaultLink);
            LinkService link = wrapper.wrap(n.name(), defaultLink);
            CircuitNetworkService service = (CircuitNetworkService) NetworkLayer.create(n.name(), spec, link,
                    classical, physical.operations(), physical.scheduler(), controller);
            services.put(n.name(), service);
            List<EndToEndPair> into = new ArrayList<>();
            List<NetworkError> errs = new ArrayList<>();
            pairs.put(n.name(), into);
            errors.put(n.name(), errs);
            service.listen(SOCKET, new PairListener() {
                @Override
                public void onPair(EndToEndPair pair) {
                    into.add(pair);
                }

                @Override
                public void onError(NetworkError error) {
                    errs.add(error);
                }
            });
        }
    }

    String head() {
        return "n0";
    }

    String tail() {
        return "n" + (services.size() - 1);
    }

    /**
     * Asks the head for {@code number} pairs and, as each arrives at both ends, hands the two halves to the
     * reader (with the true state untouched) and releases them.
     */
    void run(int number, CircuitPolicy policy, double minFidelity, PairReader reader) {
        run(new PairRequest(tail(), org.qnetstack.link.RequestType.KEEP, number, minFidelity,
                org.qnetstack.link.MeasureBasis.Z, SOCKET, 0, policy), reader);
    }

    /**
     * Makes the request at the head (to the tail, on {@link #SOCKET}) and, as each pair arrives at both ends,
     * hands the two halves to the reader and releases whatever qubits they hold.
     */
    void run(PairRequest request, PairReader reader) {
        int number = request.number();
        services.get(head()).request(request);
        int[] read = {0};
        platform.runUntil(() -> {
            List<EndToEndPair> h = pairs.get(head());
            List<EndToEndPair> t = pairs.get(tail());
            while (read[0] < h.size() && read[0] < t.size()) {
                EndToEndPair a = h.get(read[0]);
                EndToEndPair b = t.get(read[0]);
                reader.read(a, b);
                if (a.qubit() >= 0) {
                    release(head(), a.qubit());
                }
                if (b.qubit() >= 0) {
                    release(tail(), b.qubit());
                }
                read[0]++;
            }
            return read[0] == number || !errors.get(head()).isEmpty();
        }, 3_600_000_000_000L);
    }

    interface PairReader {
        void read(EndToEndPair atHead, EndToEndPair atTail);
    }

    /** The true fidelity of the pair to the Bell state both ends report. */
    double trueFidelity(EndToEndPair atHead, EndToEndPair atTail) {
        return trueFidelity(head(), atHead, tail(), atTail, atTail.bellIndex());
    }

    /** The true fidelity of a pair held at two nodes to one Bell state. */
    double trueFidelity(String a, EndToEndPair atA, String b, EndToEndPair atB, int bellIndex) {
        return truth.bellFidelity(new QubitAddress(a, atA.qubit()), new QubitAddress(b, atB.qubit()), bellIndex);
    }

    void release(String node, int qubit) {
        platform.device(node).discard(qubit);
        memories.get(node).free(qubit);
    }

    /** Qubits in use, over every node. */
    int inUse() {
        return memories.values().stream().mapToInt(QubitMemory::inUse).sum();
    }

    /** Lets the network settle (pending messages, releases) after the last pair. */
    void settle() {
        platform.runUntil(() -> false, 1_000_000_000L);
    }

    /**
     * The node's stack stops, its device forgets everything and its messages are lost; every other node's
     * network and link layers are told at once (a detection delay of 0).
     */
    void crash(String node) {
        classical.disconnect(node);
        services.get(node).close();
        for (int q = 0; q < memories.get(node).capacity(); q++) {
            platform.device(node).discard(q);
        }
        stations.endDown(node);
        for (String other : services.keySet()) {
            if (!other.equals(node)) {
                services.get(other).peerDown(node);
                links.get(other).peerDown(node);
            }
        }
    }

    @Override
    public void close() {
        services.values().forEach(CircuitNetworkService::close);
        stations.close();
        platform.close();
    }
}
