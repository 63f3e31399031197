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
     * @return the request's id, for {@link #cancel(DemandId)}; its pairs carry it ({@link EndToEndPair#demand})
     * @throws NoRouteException if the remote node cannot be reached
     * @throws org.qnetstack.link.InvalidRequestException if a field is out of range
     */
    DemandId request(PairRequest request);

    /**
     * Cancels one request, leaving the socket's others running: by the id {@link #request} returned, or, at
     * either end of a single link, the one a pair carries. Over a single link both ends stop serving it, release
     * what they hold for its pairs not yet delivered, and report ERR CANCELLED once the pairs they had already
     * agreed on are delivered. Over a circuit only its head can cancel it: the pairs it still owes are dropped;
     * if its socket then asks nothing more of the remote node, the pair in the making is given up at every node
     * of the path, its qubits freed and any reserved capacity returned. Delivered pairs stay delivered.
     *
     * @return false if this node knows no open request with that id (unknown, ended, or a circuit headed elsewhere)
     * @throws IllegalArgumentException if the id is null
     */
    boolean cancel(DemandId request);

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
