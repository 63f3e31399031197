package org.qnetstack.network;

/** A virtual circuit between two end nodes. A circuit over a single link is named after the link. */
public record CircuitId(String name) {
    @Override
    public String toString() {
        return name;
    }
}
