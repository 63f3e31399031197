package org.qnetstack.hal;

import java.util.List;
import java.util.Optional;

/**
 * Everything a platform needs to bring up a network: its seed, nodes and links. Built by the
 * configuration loader of {@code stack-app-api} or by hand.
 */
public record PlatformSpec(long seed, List<NodeSpec> nodes, List<LinkSpec> links) {
    public PlatformSpec {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
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
