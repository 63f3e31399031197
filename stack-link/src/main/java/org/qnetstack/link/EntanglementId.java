package org.qnetstack.link;

/**
 * Names one heralded pair identically at both ends: the node that asked for it, the other node, and
 * the station's sequence number of its herald on the link.
 */
public record EntanglementId(String creator, String peer, long sequence) {
    @Override
    public String toString() {
        return creator + "→" + peer + "#" + sequence;
    }
}
