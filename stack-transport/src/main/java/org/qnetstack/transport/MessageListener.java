package org.qnetstack.transport;

/** Receives application messages on one channel at one node, on the node's loop. */
@FunctionalInterface
public interface MessageListener {
    void onMessage(String from, Object message);
}
