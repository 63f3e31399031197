package org.qnetstack.network;

/** Receives end-to-end pairs and errors for one socket id at one node, on the node's loop. */
public interface PairListener {
    void onPair(EndToEndPair pair);

    void onError(NetworkError error);
}
