package org.qnetstack.network.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.link.LinkService;
import org.qnetstack.network.PairListener;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.messaging.Retransmitter;

/**
 * What the network layer's engines at one node share: the node's name and topology, the layer below (link
 * service and local operations), the classical message port, the scheduler every timer goes through, the
 * retransmitter of its acknowledged messages, its random stream, the network's controller and the sockets'
 * listeners. One per {@link CircuitNetworkService}; the engines hold no other way out of the node.
 */
final class NodeContext {
    final String node;
    final PlatformSpec topology;
    final LinkService link;
    final ClassicalNetwork classical;
    final LocalOperations operations;
    final Scheduler scheduler;
    final Retransmitter retransmitter;
    final RandomGenerator random;
    final @Nullable AdmissionController controller;
    /** The listener of each socket at this node. */
    final Map<Integer, PairListener> listeners = new HashMap<>();

    NodeContext(String node, PlatformSpec topology, LinkService link, ClassicalNetwork classical,
                LocalOperations operations, Scheduler scheduler, @Nullable AdmissionController controller) {
        this.node = node;
        this.topology = topology;
        this.link = link;
        this.classical = classical;
        this.operations = operations;
        this.scheduler = scheduler;
        this.controller = controller;
        // A little more than the longest round trip; the simulated network adds no processing time. Computed
        // when first needed (an EXPIRE or a distillation job, rare): in a large network the delays to every other
        // node are N searches over the whole graph, N² time and memory in all, for a value most nodes never use.
        this.retransmitter = new Retransmitter(scheduler, () -> 2 * farthestDelayNanos() + 100_000, 8);
        this.random = new SplittableRandom(topology.seed() * 1_000_003L + ("network/" + node).hashCode());
    }

    /** The longest delay to a node this node can reach (a node of another component is never sent to). */
    private long farthestDelayNanos() {
        long farthest = 0;
        for (var n : topology.nodes()) {
            if (!n.name().equals(node)) {
                try {
                    farthest = Math.max(farthest, classical.delayNanos(node, n.name()));
                } catch (IllegalArgumentException unreachable) {
                    // no classical path: this node never waits for an answer from there
                }
            }
        }
        return farthest;
    }

    /** Sends a network-layer message to another node. */
    void send(String to, Object payload) {
        classical.send(node, to, CircuitMessages.PROTOCOL, payload);
    }

    long now() {
        return scheduler.clock().nanos();
    }

    @Nullable PairListener listener(int socketId) {
        return listeners.get(socketId);
    }

    /** The prefix of every circuit id a head names (see {@link HeadDemands}), by which its circuits are forgotten. */
    static String circuitPrefix(String head) {
        return head + "/circuit-";
    }
}
