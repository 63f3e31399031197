package org.qnetstack.transport;

/**
 * The transport gave up a stream of classical messages: one stayed unacknowledged for the configured time
 * (the remote node is unreachable, down, or not running the transport). Reported to the sending node's
 * listener on the channel ({@link MessageListener#onDeliveryFailure}); the stream's resources are freed,
 * and a later send to the same node and channel starts a new stream.
 */
public class DeliveryFailedException extends RuntimeException {
    private final String remoteNode;
    private final int channel;
    private final long firstUnconfirmed;
    private final long unconfirmed;

    public DeliveryFailedException(String remoteNode, int channel, long firstUnconfirmed, long unconfirmed,
            long waitedNanos) {
        super(unconfirmed + " message(s) to " + remoteNode + " on channel " + channel + ", from number "
                + firstUnconfirmed + " of the stream on, stayed unacknowledged (one for " + waitedNanos / 1e6
                + " ms): the stream is given up. Messages before a lost one may still have arrived; check that "
                + remoteNode + " is up and reachable, then send again.");
        this.remoteNode = remoteNode;
        this.channel = channel;
        this.firstUnconfirmed = firstUnconfirmed;
        this.unconfirmed = unconfirmed;
    }

    public String remoteNode() {
        return remoteNode;
    }

    public int channel() {
        return channel;
    }

    /** The stream's number of the first message not acknowledged (numbers start at 0 in each stream). */
    public long firstUnconfirmed() {
        return firstUnconfirmed;
    }

    /** Messages sent or queued on the stream and never acknowledged. */
    public long unconfirmed() {
        return unconfirmed;
    }
}
