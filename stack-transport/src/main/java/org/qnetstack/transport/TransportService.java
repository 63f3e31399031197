package org.qnetstack.transport;

import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;

/**
 * What applications' sockets run on: end-to-end pairs multiplexed by socket id (like ports), and
 * classical messages between end nodes on numbered channels, delivered reliably and in order.
 */
public interface TransportService {
    String node();

    /** Requests pairs for a socket; they arrive at the socket's listener at both ends. */
    void requestPairs(PairRequest request);

    void listenPairs(int socketId, PairListener listener);

    void unlistenPairs(int socketId);

    /** Sends a message to the same channel at the remote node. Messages must be immutable values. */
    void send(String remoteNode, int channel, Object message);

    void listen(int channel, MessageListener listener);

    void unlisten(int channel);

    void close();
}
