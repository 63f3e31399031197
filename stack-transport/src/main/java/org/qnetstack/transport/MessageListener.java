package org.qnetstack.transport;

/** Receives application messages on one channel at one node, on the node's loop. */
@FunctionalInterface
public interface MessageListener {
    void onMessage(String from, Object message);

    /**
     * This node's messages on the channel to a remote node could not be delivered: the stream was given
     * up. The transport has already logged and counted it; by default nothing else happens.
     */
    default void onDeliveryFailure(DeliveryFailedException failure) {
    }
}
