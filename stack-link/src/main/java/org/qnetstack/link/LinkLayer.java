package org.qnetstack.link;

import org.qnetstack.hal.Platform;
import org.qnetstack.link.internal.DefaultLinkService;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.QubitMemory;

/**
 * One node's link layer as a runtime builds it: the {@link LinkService} of every link the node is an end of,
 * plus what whoever watches the network tells it (a neighbour went down or came back). Built by
 * {@link #create}; the implementation stays internal to this module.
 */
public interface LinkLayer extends LinkService {
    /**
     * Fidelity a keep request's α aims above its minimum, for the decay between herald and delivery (what a
     * caller that predicts the link layer's α adds to its minimum fidelity).
     */
    double KEEP_DECAY_MARGIN = DefaultLinkService.KEEP_DECAY_MARGIN;

    /**
     * The link layer of a node of the platform: one endpoint per link of the spec the node is an end of, on
     * the node's device and scheduler, talking to its neighbours and stations over {@code classical}.
     *
     * @param memory the node's qubit memory, shared with the layers above
     * @throws IllegalArgumentException naming the argument if one is null or the node is not in the spec
     */
    static LinkLayer create(String node, Platform platform, ClassicalNetwork classical, QubitMemory memory) {
        if (platform == null || classical == null || memory == null) {
            throw new IllegalArgumentException((platform == null ? "platform" : classical == null ? "classical"
                    : "memory") + ": required to build the link layer of " + node);
        }
        if (node == null || platform.spec().node(node).isEmpty()) {
            throw new IllegalArgumentException("node: no node '" + node + "' in the platform's spec");
        }
        return new DefaultLinkService(node, platform, classical, memory);
    }

    /**
     * A node crashed or is cut off. If it is a neighbour, every request on the link to it ends with ERR
     * UNREACHABLE and every qubit held for the link is freed; new requests to it are refused until
     * {@link #peerUp}. Idempotent.
     *
     * @return the requests ended
     */
    int peerDown(String peer);

    /** A node that was down is back with a fresh stack: the link to it serves requests again, from a fresh queue. */
    void peerUp(String peer);

    /** Attempts made so far on the link to a neighbour. */
    long attempts(String remote);
}
