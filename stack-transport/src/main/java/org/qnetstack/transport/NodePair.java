package org.qnetstack.transport;

import org.qnetstack.hal.ConfigurationException;

/**
 * Two different nodes, unordered: {@code NodePair.of("bob", "alice")} equals {@code NodePair.of("alice", "bob")},
 * so that both ends of a pair look up the same pre-shared key.
 *
 * @param first  the name that sorts first
 * @param second the other name
 */
public record NodePair(String first, String second) implements Comparable<NodePair> {
    public NodePair {
        if (first == null || first.isBlank()) {
            throw new ConfigurationException("first", "a node name must not be blank (was '" + first + "')");
        }
        if (second == null || second.isBlank()) {
            throw new ConfigurationException("second", "a node name must not be blank (was '" + second + "')");
        }
        if (first.compareTo(second) >= 0) {
            throw new ConfigurationException("second", "must sort after first and differ from it (was '" + first
                    + "', '" + second + "'): use NodePair.of, which orders the names");
        }
    }

    /** The pair of two different nodes, in either order. */
    public static NodePair of(String a, String b) {
        return a != null && b != null && a.compareTo(b) > 0 ? new NodePair(b, a) : new NodePair(a, b);
    }

    public boolean contains(String node) {
        return first.equals(node) || second.equals(node);
    }

    @Override
    public int compareTo(NodePair o) {
        int c = first.compareTo(o.first);
        return c != 0 ? c : second.compareTo(o.second);
    }

    @Override
    public String toString() {
        return first + "|" + second;
    }
}
