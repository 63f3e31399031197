package org.qnetstack.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.physical.HeraldingNode;

/**
 * What the network's controller plans circuits with: how fast and how well each link makes kept pairs, how
 * far apart its ends are, and how many qubits each node has and how long they keep their state. Routing,
 * admission and the fidelity intervals of delivered pairs all come from these figures.
 *
 * @param links every link of the network
 * @param nodes every node of the network
 */
public record NetworkModel(List<Link> links, List<Node> nodes) {
    /**
     * One link's figures.
     *
     * @param name           the link's name
     * @param nodeA          one end
     * @param nodeB          the other end
     * @param pairsPerSecond kept pairs per second the link makes when it does nothing else, &gt; 0
     * @param fidelity       fidelity of its pairs at their herald (taken as Werner pairs), in [0.25, 1]
     * @param delayNanos     one-way classical delay between its ends, ns, ≥ 0
     * @param storedBeforeHeraldNanos how long a pair's qubits may already have been stored when its ends learn
     *                       of its herald (emission, flight to the station, the reply's flight), ns, ≥ 0: the
     *                       fidelity the link reports is the herald's, before this storage
     */
    public record Link(String name, String nodeA, String nodeB, double pairsPerSecond, double fidelity,
                       long delayNanos, long storedBeforeHeraldNanos) {
        public Link {
            if (storedBeforeHeraldNanos < 0) {
                throw new ConfigurationException("links." + name + ".storedBeforeHeraldNanos", "must be ≥ 0 (was "
                        + storedBeforeHeraldNanos + ")");
            }
            if (!(pairsPerSecond > 0) || Double.isInfinite(pairsPerSecond)) {
                throw new ConfigurationException("links." + name + ".pairsPerSecond", "must be finite and > 0 (was "
                        + pairsPerSecond + ")");
            }
            if (!(fidelity >= 0.25 && fidelity <= 1)) {
                throw new ConfigurationException("links." + name + ".fidelity", "must be in [0.25, 1] (was "
                        + fidelity + ")");
            }
            if (delayNanos < 0) {
                throw new ConfigurationException("links." + name + ".delayNanos", "must be ≥ 0 (was " + delayNanos
                        + ")");
            }
        }

        public boolean connects(String node) {
            return nodeA.equals(node) || nodeB.equals(node);
        }

        public String otherEnd(String node) {
            return nodeA.equals(node) ? nodeB : nodeA;
        }
    }

    /**
     * One node's figures.
     *
     * @param name    the node's name
     * @param qubits  qubits circuits may hold at the node, ≥ 1
     * @param t1Nanos relaxation time of its memories, ns (infinite for none)
     * @param t2Nanos coherence time of its memories (off-diagonal decay e^(−t/T2), T1 included), ns
     */
    public record Node(String name, int qubits, double t1Nanos, double t2Nanos) {
        public Node {
            if (qubits < 1) {
                throw new ConfigurationException("nodes." + name + ".qubits", "must be ≥ 1 (was " + qubits + ")");
            }
            if (!(t1Nanos > 0) || !(t2Nanos > 0)) {
                throw new ConfigurationException("nodes." + name + ".t2Nanos", "T1 and T2 must be > 0 (were "
                        + t1Nanos + ", " + t2Nanos + ")");
            }
        }
    }

    /** How long a node's memories keep their state, ns (infinite for no decay). */
    public record Memory(double t1Nanos, double t2Nanos) {
    }

    public NetworkModel {
        links = List.copyOf(links);
        nodes = List.copyOf(nodes);
        Set<String> names = new HashSet<>();
        for (Node n : nodes) {
            if (!names.add(n.name())) {
                throw new ConfigurationException("nodes", "node '" + n.name() + "' appears twice");
            }
        }
        Set<String> linkNames = new HashSet<>();
        for (Link l : links) {
            if (!linkNames.add(l.name())) {
                throw new ConfigurationException("links", "link '" + l.name() + "' appears twice");
            }
            if (!names.contains(l.nodeA()) || !names.contains(l.nodeB()) || l.nodeA().equals(l.nodeB())) {
                throw new ConfigurationException("links." + l.name(), "must join two different known nodes (was "
                        + l.nodeA() + " – " + l.nodeB() + ")");
            }
        }
    }

    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The link between two nodes, if they are neighbours. */
    public Optional<Link> linkBetween(String a, String b) {
        return links.stream().filter(l -> l.connects(a) && l.connects(b) && !a.equals(b)).findFirst();
    }

    /**
     * The figures of a platform at bright-state population α, each node's memories as its device declares them
     * ({@link org.qnetstack.hal.DeviceInfo#memory()}): see {@link #of(Platform, double, Function)}.
     */
    public static NetworkModel of(Platform platform, double alpha) {
        return of(platform, alpha, name -> {
            org.qnetstack.hal.DeviceInfo.Coherence c = platform.device(name).info().memory();
            return new Memory(c.t1Nanos(), c.t2Nanos());
        });
    }

    /**
     * The figures of a platform's links at bright-state population α (each link's largest if lower): kept
     * pairs come one per keep attempt period ({@link HeraldingNode#keepAttemptSlots}) with the success
     * probability of one attempt, so a link makes p / (slots · slot) pairs per second. Every qubit of a node
     * counts; the memories' T1 and T2 come from the caller (the hardware interface does not expose them).
     */
    public static NetworkModel of(Platform platform, double alpha, Function<String, Memory> memories) {
        List<Link> links = new ArrayList<>();
        for (LinkSpec spec : platform.spec().links()) {
            HeraldedLink link = platform.link(spec.name());
            double a = Math.min(alpha, link.maxAlpha());
            long slots = HeraldingNode.keepAttemptSlots(link) * link.slotNanos();
            // A kept attempt's qubit waits at most one keep period, from its emission to the station's reply.
            links.add(new Link(spec.name(), spec.nodeA(), spec.nodeB(), link.successProbability(a) * 1e9 / slots,
                    link.heraldedFidelity(a), link.delayBetweenNodesNanos(), slots));
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeSpec spec : platform.spec().nodes()) {
            Memory m = memories.apply(spec.name());
            nodes.add(new Node(spec.name(), platform.device(spec.name()).info().qubitCount(), m.t1Nanos(),
                    m.t2Nanos()));
        }
        return new NetworkModel(links, nodes);
    }
}
