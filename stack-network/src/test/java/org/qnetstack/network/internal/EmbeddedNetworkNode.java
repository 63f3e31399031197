package org.qnetstack.network.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.PairListener;
import org.qnetstack.physical.CapturingClassicalNetwork;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.physical.QubitMemory;
import org.qnetstack.sim.kernel.EventKernel;

/**
 * One node's network layer alone, in the spirit of Netty's {@code EmbeddedChannel}: time stands still until
 * the test advances the manual clock ({@link #advance}), the messages the node sends are captured for the test
 * to read ({@link #drain}), the test plays every other node ({@link #receive}) and the link layer below
 * ({@link ScriptedLinkService}: pairs and errors come when it says), and measurements give what it scripts
 * ({@link ScriptedDevice}). Nothing runs in the background: a test of one protocol rule runs in milliseconds.
 */
final class EmbeddedNetworkNode {
    /** A captured outbound message. */
    record Out<T>(String to, T message) {
    }

    /** The one-way delay between any two nodes. */
    static final long DELAY_NANOS = 10_000;

    /** The socket the helpers' setups and requests use. */
    static final int SOCKET = 7;

    final String node;
    final PlatformSpec topology;
    final EventKernel clock = new EventKernel();
    final ScriptedDevice device;
    final QubitMemory memory;
    final ScriptedLinkService link;
    final CapturingClassicalNetwork network = new CapturingClassicalNetwork(DELAY_NANOS);
    final CircuitNetworkService service;
    /** What the socket listeners registered with {@link #listen} heard. */
    final List<EndToEndPair> pairs = new ArrayList<>();
    final List<NetworkError> errors = new ArrayList<>();

    EmbeddedNetworkNode(String node, PlatformSpec topology) {
        this(node, topology, null);
    }

    /** @param controller the network's controller, or null for none */
    EmbeddedNetworkNode(String node, PlatformSpec topology, @Nullable AdmissionController controller) {
        this.node = node;
        this.topology = topology;
        this.device = new ScriptedDevice(16);
        this.memory = new QubitMemory(device.info());
        this.link = new ScriptedLinkService(node, memory, clock::nanos);
        this.service = new CircuitNetworkService(node, topology, link, network, new LocalOperations(device, memory),
                clock, controller);
    }

    /** Node {@code index} of a chain n0 – n1 – … of {@code nodes} nodes. */
    static EmbeddedNetworkNode inChain(int index, int nodes) {
        return new EmbeddedNetworkNode("n" + index, chain(nodes, List.of()));
    }

    /** A chain n0 – n1 – … of {@code nodes} nodes, and unconnected nodes with the names given. */
    static PlatformSpec chain(int nodes, List<String> islands) {
        List<NodeSpec> ns = new ArrayList<>();
        List<LinkSpec> ls = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ns.add(NodeSpec.of("n" + i, "ideal"));
            if (i > 0) {
                String name = "n" + (i - 1) + "-n" + i;
                ls.add(new LinkSpec(name, "n" + (i - 1), "n" + i, 1, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec(name + "-station", StationSpec.SIMULATED_DETECTORS), Map.of()));
            }
        }
        for (String island : islands) {
            ns.add(NodeSpec.of(island, "ideal"));
        }
        return new PlatformSpec(1, ns, ls);
    }

    /** Registers a listener on the socket that records into {@link #pairs} and {@link #errors}. */
    EmbeddedNetworkNode listen(int socketId) {
        service.listen(socketId, new PairListener() {
            @Override
            public void onPair(EndToEndPair pair) {
                pairs.add(pair);
            }

            @Override
            public void onError(NetworkError error) {
                errors.add(error);
            }
        });
        return this;
    }

    /** A network-layer message from another node, handed in now. */
    void receive(String from, Object message) {
        if (!network.deliver(from, node, CircuitMessages.PROTOCOL, message)) {
            throw new AssertionError(node + " does not listen for network messages (closed?)");
        }
    }

    /** Runs every timer due within the next {@code nanos} and moves the clock on by that much. */
    void advance(long nanos) {
        clock.runUntilTime(clock.nanos() + nanos);
    }

    long now() {
        return clock.nanos();
    }

    /** Removes and returns the captured outbound messages of a type, in the order they were sent. */
    <T> List<Out<T>> drain(Class<T> type) {
        return network.drain(type).stream().map(e -> new Out<>(e.to(), type.cast(e.payload()))).toList();
    }

    /** The receivers of the captured messages of a type (drained). */
    List<String> drainedTo(Class<?> type) {
        return drain(type).stream().map(Out::to).toList();
    }

    /** A SETUP naming the path, with hop fidelity 0.5 on every hop, for socket 7. */
    static CircuitMessages.Setup setup(String circuit, int purposeId, List<String> path,
                                       @Nullable Distillation distillation, long cutoffNanos) {
        return new CircuitMessages.Setup(circuit, purposeId, path, SOCKET,
                Collections.nCopies(path.size() - 1, 0.5), distillation, cutoffNanos);
    }

    /** The path n0 – … – n(nodes − 1). */
    static List<String> path(int nodes) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            path.add("n" + i);
        }
        return List.copyOf(path);
    }

    /** The one captured message of a type (drained); fails if there is not exactly one. */
    <T> T single(Class<T> type) {
        List<Out<T>> out = drain(type);
        if (out.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", got " + out);
        }
        return out.get(0).message();
    }
}
