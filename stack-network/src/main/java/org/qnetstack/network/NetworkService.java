package org.qnetstack.network;

import org.jspecify.annotations.Nullable;

/**
 * End-to-end entanglement between end nodes: request pairs with any reachable node and receive them,
 * at both ends, with the circuit, the pair id and the Bell index, over a direct link or across
 * repeaters on a path chosen by the network (hop-shortest, or by its controller's quantum-aware cost).
 */
public interface NetworkService {
    /**
     * Requests pairs. Pairs and errors arrive at the listeners registered for the socket id at both ends.
     *
     * @throws NoRouteException if the remote node cannot be reached
     * @throws org.qnetstack.link.InvalidRequestException if a field is out of range
     */
    void request(PairRequest request);

    /**
     * Cancels this node's requests on a socket: the pairs in the making are given up at every node of their
     * paths, their qubits freed and any reserved capacity returned. Delivered pairs stay delivered.
     *
     * @return whether anything was running
     */
    boolean cancel(int socketId);

    void listen(int socketId, PairListener listener);

    /** Whether the remote node can be reached at all, nodes down or not. */
    boolean reachable(String remote);

    /**
     * Why a request to the remote node would fail now because nodes are down, or null if it has a path through
     * nodes that are up.
     */
    @Nullable String unreachableBecauseDown(String remote);

    void unlisten(int socketId);

    void close();
}
