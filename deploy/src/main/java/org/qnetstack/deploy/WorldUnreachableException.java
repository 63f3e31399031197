package org.qnetstack.deploy;

/**
 * A node host lost the world service that holds its simulated device and clock: the world stopped, or
 * the connection to it broke for longer than the host waits. The node cannot go on; restart it once the
 * world is back.
 */
public final class WorldUnreachableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final String node;

    public WorldUnreachableException(String node, String reason) {
        super(node + ": " + reason + "; restart the node once the world service runs");
        this.node = node;
    }

    public String node() {
        return node;
    }
}
