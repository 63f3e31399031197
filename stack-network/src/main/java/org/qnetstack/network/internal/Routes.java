package org.qnetstack.network.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.network.NoRouteException;

/**
 * Routing at one node: hop-shortest paths over the topology, and which nodes are down (crashed or cut off)
 * and so avoided until they are back. Holds no timers and sends nothing: the service asks it.
 */
final class Routes {
    private final String node;
    private final PlatformSpec topology;
    /** Nodes reported down and not back yet. */
    private final Set<String> down = new HashSet<>();
    /**
     * Each node's neighbours, in the order of the topology's links; built at the first route (a search then costs
     * O(nodes + links), not a scan of every link per node visited: O(N²) on a chain of N).
     */
    private @Nullable Map<String, List<String>> neighbours;

    Routes(String node, PlatformSpec topology) {
        this.node = node;
        this.topology = topology;
    }

    /** Records a node as down; false if it is this node or was already down. */
    boolean markDown(String peer) {
        return !peer.equals(node) && down.add(peer);
    }

    /** Records a node as back; false if it was not down. */
    boolean markUp(String peer) {
        return down.remove(peer);
    }

    boolean isDown(String peer) {
        return down.contains(peer);
    }

    /** The first node of the path that is down, or null. */
    @Nullable String firstDown(List<String> path) {
        return down.isEmpty() ? null : path.stream().filter(down::contains).findFirst().orElse(null);
    }

    /**
     * The shortest path (by hops) from this node to the remote one, both included; with {@code avoidDown}, only
     * through nodes that are not down.
     *
     * @throws NoRouteException naming why there is none
     */
    List<String> route(String remote, boolean avoidDown) {
        if (remote.equals(node)) {
            throw new NoRouteException(node, remote, "a node cannot entangle with itself");
        }
        if (topology.node(remote).isEmpty()) {
            throw new NoRouteException(node, remote, "no such node (nodes: " + String.join(", ",
                    topology.nodes().stream().map(n -> n.name()).toList()) + ")");
        }
        if (avoidDown && down.contains(remote)) {
            throw new NoRouteException(node, remote, remote + " is down (crashed or cut off); retry once it is back");
        }
        Map<String, String> previous = new HashMap<>();
        ArrayDeque<String> frontier = new ArrayDeque<>(List.of(node));
        previous.put(node, node);
        Map<String, List<String>> adjacent = neighbours();
        while (!frontier.isEmpty()) {
            String at = frontier.poll();
            for (String next : adjacent.getOrDefault(at, List.of())) {
                if (!previous.containsKey(next) && !(avoidDown && down.contains(next))) {
                    previous.put(next, at);
                    frontier.add(next);
                }
            }
        }
        if (!previous.containsKey(remote)) {
            throw new NoRouteException(node, remote, avoidDown && reachable(remote)
                    ? "every path to it goes through a node that is down (crashed or cut off: "
                    + String.join(", ", new TreeSet<>(down)) + "); retry once it is back"
                    : "no path in the topology");
        }
        List<String> path = new ArrayList<>();
        for (String at = remote; !at.equals(node); at = previous.get(at)) {
            path.add(at);
        }
        path.add(node);
        java.util.Collections.reverse(path);
        return path;
    }

    private Map<String, List<String>> neighbours() {
        if (neighbours == null) {
            Map<String, List<String>> adjacent = new HashMap<>();
            for (LinkSpec l : topology.links()) {
                adjacent.computeIfAbsent(l.nodeA(), k -> new ArrayList<>()).add(l.nodeB());
                adjacent.computeIfAbsent(l.nodeB(), k -> new ArrayList<>()).add(l.nodeA());
            }
            neighbours = adjacent;
        }
        return neighbours;
    }

    /** Whether the remote node can be reached at all, down nodes included. */
    boolean reachable(String remote) {
        try {
            route(remote, false);
            return true;
        } catch (NoRouteException e) {
            return false;
        }
    }

    /** Why a request to the remote node would fail now because nodes are down, or null if it would not. */
    @Nullable String unreachableBecauseDown(String remote) {
        if (down.isEmpty() || !reachable(remote)) {
            return null;
        }
        try {
            route(remote, true);
            return null;
        } catch (NoRouteException e) {
            return e.getMessage();
        }
    }
}
