package org.qnetstack.api;

/**
 * Names one entangled pair identically at both ends: the node that asked for it, the other node, and the
 * sequence number of its herald on the link. Printed as {@code creator→peer#sequence}.
 */
public record PairId(String creator, String peer, long sequence) {
    @Override
    public String toString() {
        return creator + "→" + peer + "#" + sequence;
    }
}
