package org.qnetstack.hal;

/** A physical qubit of a node. */
public record QubitAddress(String node, int qubit) {
    @Override
    public String toString() {
        return node + "#" + qubit;
    }
}
