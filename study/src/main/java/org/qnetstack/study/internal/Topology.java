package org.qnetstack.study.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;

/** Where a study's pairs run: between a chain's two ends, else between the ends of the first link. */
public final class Topology {
    private Topology() {
    }

    /**
     * The two ends of the network when its links form a single path through every node (the end declared
     * first comes first), else the first link's two nodes.
     *
     * @throws IllegalArgumentException if the network has no link
     */
    public static List<String> ends(PlatformSpec spec) {
        if (spec.links().isEmpty()) {
            throw new IllegalArgumentException("the network has no link, so no pairs to study");
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
        List<String> ends = neighbours.entrySet().stream().filter(e -> e.getValue().size() == 1)
                .map(Map.Entry::getKey).toList();
        if (ends.size() != 2 || neighbours.values().stream().anyMatch(n -> n.size() > 2)) {
            return direct;
        }
        // Walk from one end: a single path reaches every node (a path beside a cycle would not).
        String previous = null;
        String current = ends.get(0);
        int visited = 1;
        while (!current.equals(ends.get(1))) {
            String from = previous;
            String next = neighbours.get(current).stream().filter(n -> !n.equals(from)).findFirst().orElseThrow();
            previous = current;
            current = next;
            visited++;
        }
        boolean path = visited == nodes;
        return path ? ends : direct;
    }
}
