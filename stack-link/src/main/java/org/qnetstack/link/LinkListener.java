package org.qnetstack.link;

/** Receives the link layer's replies at one node, for one purpose id. Called on the node's loop. */
public interface LinkListener {
    void onPair(LinkPair pair);

    void onError(LinkError error);
}
