package org.qnetstack.transport;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.network.DemandId;
import org.qnetstack.network.NetworkService;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.transport.internal.DirectTransportService;
import org.qnetstack.transport.internal.ReliableChannels;

/**
 * What applications' sockets run on: end-to-end pairs multiplexed by socket id (like ports), and
 * classical messages between end nodes on numbered channels, delivered reliably, in order, exactly once,
 * and authenticated with the key the two nodes share ({@link PreSharedKeys}).
 */
public interface TransportService {
    /**
     * The transport of a node: pairs straight from its network layer, classical messages on reliable,
     * authenticated channels over {@code classical}. Built here; the implementation stays internal to this module.
     *
     * @param scheduler the node's scheduler (retransmission timers)
     * @param keys      the keys the node shares with the others
     * @throws IllegalArgumentException naming the argument if one is null
     */
    static TransportService create(String node, NetworkService network, ClassicalNetwork classical,
                                   Scheduler scheduler, PreSharedKeys keys, TransportSettings settings) {
        String missing = node == null ? "node" : network == null ? "network" : classical == null ? "classical"
                : scheduler == null ? "scheduler" : keys == null ? "keys" : settings == null ? "settings" : null;
        if (missing != null) {
            throw new IllegalArgumentException(missing + ": required to build a node's transport");
        }
        return new DirectTransportService(network, new ReliableChannels(node, classical, scheduler, keys, settings));
    }

    String node();

    /** Whether the remote node can be reached at all, nodes down or not (the network layer's answer). */
    boolean reachable(String remote);

    /**
     * Why pairs with the remote node cannot be had now because nodes are down, or null if it has a path through
     * nodes that are up (the network layer's answer).
     */
    @Nullable String unreachableBecauseDown(String remote);

    /**
     * Requests pairs for a socket; they arrive at the socket's listener at both ends.
     *
     * @return the request's id, for {@link #cancelPairs}; its pairs carry it
     */
    DemandId requestPairs(PairRequest request);

    /**
     * Cancels one request for pairs, the socket's others going on (the network layer's
     * {@link NetworkService#cancel(DemandId)}: over a single link at either end, over a circuit at its head).
     *
     * @return false if this node knows no open request with that id
     */
    boolean cancelPairs(DemandId request);

    void listenPairs(int socketId, PairListener listener);

    void unlistenPairs(int socketId);

    /**
     * Sends a message to the same channel at the remote node. The message is a value: a string, number,
     * boolean, primitive array, enum, record, or a list, set or map of these; it is copied as it is sent.
     * If it cannot be delivered, the channel's listener hears of it ({@link MessageListener#onDeliveryFailure}).
     *
     * @throws IllegalArgumentException if the message holds another type, or the remote node is this one,
     *                                  unknown, unreachable, or shares no key with this one
     * @throws IllegalStateException    if too many messages to the node on the channel wait already
     */
    void send(String remoteNode, int channel, Object message);

    /** Listens on a channel; messages that arrived while nobody listened are handed over at once. */
    void listen(int channel, MessageListener listener);

    void unlisten(int channel);

    /** What the transport did with classical messages so far. */
    TransportCounters counters();

    void close();
}
