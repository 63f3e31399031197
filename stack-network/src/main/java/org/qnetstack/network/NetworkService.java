package org.qnetstack.network;

/**
 * End-to-end entanglement between end nodes: request pairs with any reachable node and receive them,
 * at both ends, with the circuit, the pair id and the Bell index, over a direct link or across
 * repeaters on the shortest path.
 */
public interface NetworkService {
    /**
     * Requests pairs. Pairs and errors arrive at the listeners registered for the socket id at both ends.
     *
     * @throws NoRouteException if the remote node cannot be reached
     * @throws org.qnetstack.link.InvalidRequestException if a field is out of range
     */
    void request(PairRequest request);

    void listen(int socketId, PairListener listener);

    void unlisten(int socketId);

    void close();
}
