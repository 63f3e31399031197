package org.qnetstack.link;

import org.qnetstack.link.internal.DefaultLinkService;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.PhysicalLayer;

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
     * The link layer of a node: one endpoint per link the node is an end of, on the node's physical layer (its
     * qubit memory, shared with the layers above, and the heralding protocol on each link), talking to its
     * neighbours and stations over {@code classical}.
     *
     * @throws IllegalArgumentException naming the argument if one is null
     */
    static LinkLayer create(PhysicalLayer physical, ClassicalNetwork classical) {
        if (physical == null || classical == null) {
            throw new IllegalArgumentException((physical == null ? "physical" : "classical")
                    + ": required to build a node's link layer");
        }
        return new DefaultLinkService(physical, classical);
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
