package org.qnetstack.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;

/** Where pairs run between a network's ends: the one place the examples and the study tasks find a chain's path. */
public final class NetworkPaths {
    private NetworkPaths() {
    }

    /**
     * The network's nodes from one end to the other when its links form a single path through all of them
     * (starting at the end declared first; a two-node network starts at its link's first node), else the
     * ends of the first link.
     *
     * @throws IllegalArgumentException if the network has no link
     */
    public static List<String> chain(PlatformSpec spec) {
        if (spec.links().isEmpty()) {
            throw new IllegalArgumentException("the network has no link, so no path between ends");
        }
        LinkSpec first = spec.links().get(0);
        List<String> direct = List.of(first.nodeA(), first.nodeB());
        int nodes = spec.nodes().size();
        if (nodes <= 2 || spec.links().size() != nodes - 1) {
            return direct;
        }
        Map<String, List<String>> neighbours = new LinkedHashMap<>();
        spec.nodes().forEach(n -> neighbours.put(n.name(), new ArrayList<>()));
        for (LinkSpec l : spec.links()) {
            neighbours.get(l.nodeA()).add(l.nodeB());
            neighbours.get(l.nodeB()).add(l.nodeA());
        }
        if (neighbours.values().stream().anyMatch(n -> n.size() > 2 || n.isEmpty())) {
            return direct;
        }
        String start = neighbours.entrySet().stream().filter(e -> e.getValue().size() == 1).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (start == null) {
            return direct; // a ring
        }
        List<String> path = new ArrayList<>(List.of(start));
        String previous = null;
        String current = start;
        while (path.size() < nodes) {
            String from = previous;
            String next = neighbours.get(current).stream().filter(n -> !n.equals(from)).findFirst().orElse(null);
            if (next == null) {
                return direct; // not connected: a path and something else
            }
            previous = current;
            current = next;
            path.add(current);
        }
        return path;
    }
}
