package org.qnetstack.network;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.qnetstack.hal.ConfigurationException;
import org.qnetstack.hal.LinkSpec;

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
     * @param slower         further ways to run the link, each slower and better than the one before (e.g. a
     *                       lower bright-state population), that the controller may choose instead when a request
     *                       needs more fidelity than ({@code pairsPerSecond}, {@code fidelity}) gives
     */
    public record Link(String name, String nodeA, String nodeB, double pairsPerSecond, double fidelity,
                       long delayNanos, long storedBeforeHeraldNanos, List<OperatingPoint> slower) {
        /** A link with one way to run it. */
        public Link(String name, String nodeA, String nodeB, double pairsPerSecond, double fidelity, long delayNanos,
                    long storedBeforeHeraldNanos) {
            this(name, nodeA, nodeB, pairsPerSecond, fidelity, delayNanos, storedBeforeHeraldNanos, List.of());
        }

        public Link {
            slower = List.copyOf(slower);
            OperatingPoint previous = new OperatingPoint(pairsPerSecond, fidelity);
            for (OperatingPoint p : slower) {
                if (!(p.pairsPerSecond() > 0) || !(p.pairsPerSecond() <= previous.pairsPerSecond())
                        || !(p.fidelity() >= previous.fidelity() && p.fidelity() <= 1)) {
                    throw new ConfigurationException("links." + name + ".slower", "each operating point must be "
                            + "slower (> 0 pairs/s) and no worse (≤ 1) than the one before (was " + p + " after "
                            + previous + ")");
                }
                previous = p;
            }
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

        /** Ways to run the link: 0 is ({@code pairsPerSecond}, {@code fidelity}), then {@code slower}. */
        public int levels() {
            return 1 + slower.size();
        }

        /** The operating point of a level, the slowest for any level beyond it. */
        public OperatingPoint point(int level) {
            return level <= 0 ? new OperatingPoint(pairsPerSecond, fidelity)
                    : slower.get(Math.min(level, slower.size()) - 1);
        }

        public boolean connects(String node) {
            return nodeA.equals(node) || nodeB.equals(node);
        }

        public String otherEnd(String node) {
            return nodeA.equals(node) ? nodeB : nodeA;
        }

        /**
         * The figures of a link whose kept pairs come one per keep attempt period, each attempt heralding with the
         * success probability: it makes p / period pairs per second, and a kept attempt's qubit waits at most one
         * period, from its emission to the station's reply.
         *
         * @param successProbability the success probability of one attempt
         * @param fidelity           the fidelity of a heralded pair
         * @param delayNanos         one-way classical delay between the ends, ns
         * @param keepPeriodNanos    the keep attempt period, ns
         */
        public static Link kept(LinkSpec spec, double successProbability, double fidelity, long delayNanos,
                                long keepPeriodNanos) {
            return new Link(spec.name(), spec.nodeA(), spec.nodeB(), successProbability * 1e9 / keepPeriodNanos,
                    fidelity, delayNanos, keepPeriodNanos);
        }
    }

    /**
     * One way to run a link.
     *
     * @param pairsPerSecond kept pairs per second
     * @param fidelity       their fidelity at the herald
     */
    public record OperatingPoint(double pairsPerSecond, double fidelity) {
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
}
