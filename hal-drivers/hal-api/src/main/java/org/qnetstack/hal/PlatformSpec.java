package org.qnetstack.hal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a platform needs to bring up a network: its seed, nodes and links, and options for the
 * platform itself (the simulator's: {@code attempts: skip | step}). Built by the configuration loader
 * of {@code stack-app-api} or by hand.
 */
public record PlatformSpec(long seed, List<NodeSpec> nodes, List<LinkSpec> links, Map<String, Object> options) {
    public PlatformSpec {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        options = Map.copyOf(options);
    }

    /** A spec without platform options. */
    public PlatformSpec(long seed, List<NodeSpec> nodes, List<LinkSpec> links) {
        this(seed, nodes, links, Map.of());
    }

    /** The same network with another option value. */
    public PlatformSpec withOption(String name, Object value) {
        Map<String, Object> o = new java.util.LinkedHashMap<>(options);
        o.put(name, value);
        return new PlatformSpec(seed, nodes, links, o);
    }

    /** The node of that name (the first, if the spec names one twice). */
    public Optional<NodeSpec> node(String name) {
        return Optional.ofNullable(index().nodes().get(name));
    }

    public Optional<LinkSpec> link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * The links with this node at one end, in the spec's order. Every node of a world asks for its own links as
     * it is built: the index behind this is made once per spec (the last one asked about), so building N nodes
     * costs O(N + links), not a scan of every link per node.
     */
    public List<LinkSpec> linksOf(String node) {
        return index().links().getOrDefault(node, List.of());
    }

    /**
     * The spec's nodes by name and links by node, made once per spec (the last one asked about): every node of a
     * world looks itself and its links up as it is built, and a scan per look-up made building N nodes O(N²).
     */
    private Index index() {
        Index index = lastIndex;
        if (index == null || index.spec() != this) {
            Map<String, NodeSpec> byName = new java.util.HashMap<>();
            for (NodeSpec n : nodes) {
                byName.putIfAbsent(n.name(), n);
            }
            Map<String, List<LinkSpec>> byNode = new java.util.HashMap<>();
            for (LinkSpec l : links) {
                byNode.computeIfAbsent(l.nodeA(), k -> new java.util.ArrayList<>()).add(l);
                if (!l.nodeB().equals(l.nodeA())) {
                    byNode.computeIfAbsent(l.nodeB(), k -> new java.util.ArrayList<>()).add(l);
                }
            }
            byNode.replaceAll((k, v) -> List.copyOf(v));
            index = new Index(this, byName, byNode);
            lastIndex = index;
        }
        return index;
    }

    /** The look-ups of one spec (compared by identity: specs equal in value are indexed anew). */
    private record Index(PlatformSpec spec, Map<String, NodeSpec> nodes, Map<String, List<LinkSpec>> links) {
    }

    /** The index last made, read and replaced whole (immutable), so any thread may ask. */
    private static volatile Index lastIndex;

    /** The link between two nodes, if they are neighbours. */
    public Optional<LinkSpec> linkBetween(String a, String b) {
        return links.stream().filter(l -> l.connects(a) && l.connects(b) && !a.equals(b)).findFirst();
    }
}
