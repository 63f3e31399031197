package org.qnetstack.link;

/** Identifies a CREATE at the node that issued it (the ACK's create id). */
public record CreateId(String node, long id) {
    @Override
    public String toString() {
        return node + "/create-" + id;
    }
}
