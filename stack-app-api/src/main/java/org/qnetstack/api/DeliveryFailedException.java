package org.qnetstack.api;

/**
 * Classical messages sent to {@link #remoteNode()} stayed unacknowledged until the transport gave their stream
 * up: the node is down, cut off or not running. Messages before a lost one may still have arrived; check that the
 * node is up and reachable, then send again (a later send starts a new stream).
 */
public class DeliveryFailedException extends QnetstackException {
    private final String remoteNode;

    public DeliveryFailedException(String remoteNode, String message) {
        super(message);
        this.remoteNode = remoteNode;
    }

    /** The node the messages were for. */
    public String remoteNode() {
        return remoteNode;
    }
}
