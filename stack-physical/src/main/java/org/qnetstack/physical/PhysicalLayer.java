package org.qnetstack.physical;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.messaging.ClassicalNetwork;

/**
 * One node's physical layer as a runtime builds it on the platform: the node's qubit memory and the local
 * operations on it, the model of each link the node ends, and the heralding protocol on those links over the
 * node's one optical interface. The link layer is built on it and sees the node's device only through it.
 */
public final class PhysicalLayer {
    private final String node;
    private final Platform platform;
    private final QuantumDevice device;
    private final QubitMemory memory;
    private final LocalOperations operations;
    /** One optical interface per node, whatever its number of links: one photon at a time. */
    private final PhotonicInterface photonic = new PhotonicInterface();

    private PhysicalLayer(String node, Platform platform) {
        this.node = node;
        this.platform = platform;
        this.device = platform.device(node);
        this.memory = new QubitMemory(device.info());
        this.operations = new LocalOperations(device, memory);
    }

    /**
     * The physical layer of a node of the platform.
     *
     * @throws IllegalArgumentException naming the argument if the platform is null or the node is not in its spec
     */
    public static PhysicalLayer on(String node, Platform platform) {
        if (platform == null) {
            throw new IllegalArgumentException("platform: required to build the physical layer of " + node);
        }
        if (node == null || platform.spec().node(node).isEmpty()) {
            throw new IllegalArgumentException("node: no node '" + node + "' in the platform's spec");
        }
        return new PhysicalLayer(node, platform);
    }

    public String node() {
        return node;
    }

    /** The network's nodes and links. */
    public PlatformSpec spec() {
        return platform.spec();
    }

    /** The node's event loop. */
    public Scheduler scheduler() {
        return platform.scheduler(node);
    }

    /** Which of the node's qubits are in use, shared by every layer that holds qubits. */
    public QubitMemory memory() {
        return memory;
    }

    /** The gates and measurements the layers above apply to the node's qubits. */
    public LocalOperations operations() {
        return operations;
    }

    /** A random stream of the platform for a named purpose (same seed and name, same stream). */
    public RandomGenerator random(String stream) {
        return platform.random(stream);
    }

    /** The links of the spec this node is an end of, in the spec's order. */
    public List<LinkModel> links() {
        List<LinkModel> links = new ArrayList<>();
        for (LinkSpec spec : platform.spec().linksOf(node)) {
            links.add(new LinkModel(platform.link(spec.name())));
        }
        return links;
    }

    /**
     * Starts this node's end of the heralding protocol on one of its links, serving {@code source} (the link layer
     * above), on the node's optical interface, sending to the station on {@code classical}.
     */
    public HeraldingNode heralding(LinkModel link, ClassicalNetwork classical, AttemptSource source) {
        return new HeraldingNode(node, link.heralded(), device, memory, scheduler(), classical, source, photonic);
    }
}
