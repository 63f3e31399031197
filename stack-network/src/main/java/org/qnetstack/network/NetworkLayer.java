package org.qnetstack.network;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.link.LinkService;
import org.qnetstack.network.internal.AdmissionController;
import org.qnetstack.network.internal.CircuitNetworkService;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.LocalOperations;

/**
 * One node's network layer as a runtime builds it: the {@link NetworkService} (circuits over the node's link
 * layer, swapping at repeaters, and, with an {@link Admission} controller, quantum-aware routing, admission,
 * distillation and cutoffs), plus what whoever watches the network tells it. Built by {@link #create}; the
 * implementation stays internal to this module.
 */
public interface NetworkLayer extends NetworkService {
    /**
     * The network layer of a node.
     *
     * @param topology   the network's nodes and links
     * @param link       the node's link layer (or a wrapper of it)
     * @param operations the node's local gates and measurements on its memory
     * @param scheduler  the node's scheduler
     * @param admission  the network's controller, the same object at every node, or null for none (hop-shortest
     *                   paths, best effort, and pairs between neighbours straight from the link layer)
     * @throws IllegalArgumentException naming the argument if a required one is null, or if the admission was not
     *         made by {@link Admission#of}
     */
    static NetworkLayer create(String node, PlatformSpec topology, LinkService link, ClassicalNetwork classical,
                               LocalOperations operations, Scheduler scheduler, @Nullable Admission admission) {
        String missing = node == null ? "node" : topology == null ? "topology" : link == null ? "link"
                : classical == null ? "classical" : operations == null ? "operations" : scheduler == null ? "scheduler"
                : null;
        if (missing != null) {
            throw new IllegalArgumentException(missing + ": required to build a node's network layer");
        }
        if (admission != null && !(admission instanceof AdmissionController)) {
            throw new IllegalArgumentException("admission: use a controller made by Admission.of(model) (was "
                    + admission.getClass().getName() + ")");
        }
        return new CircuitNetworkService(node, topology, link, classical, operations, scheduler,
                (AdmissionController) admission);
    }

    /**
     * A node crashed or is cut off (any node, neighbour or not): every circuit through it or ending at it is torn
     * down here, the listeners of its ends get an UNREACHABLE error naming it, and until {@link #peerUp} paths
     * avoid it. Idempotent.
     */
    void peerDown(String peer);

    /** A node that was down is back with a fresh stack: paths may go through it again. */
    void peerUp(String peer);
}
