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

    public Optional<NodeSpec> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<LinkSpec> link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The link between two nodes, if they are neighbours. */
    public Optional<LinkSpec> linkBetween(String a, String b) {
        return links.stream().filter(l -> l.connects(a) && l.connects(b) && !a.equals(b)).findFirst();
    }
}
