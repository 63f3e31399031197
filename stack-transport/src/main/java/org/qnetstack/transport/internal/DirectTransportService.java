package org.qnetstack.transport.internal;

import org.jspecify.annotations.Nullable;
import org.qnetstack.network.DemandId;
import org.qnetstack.network.NetworkService;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;
import org.qnetstack.transport.MessageListener;
import org.qnetstack.transport.TransportCounters;
import org.qnetstack.transport.TransportService;

/**
 * Transport over the network layer and the classical network: pairs come straight from the network
 * layer's circuits, multiplexed by socket id; classical messages travel on {@link ReliableChannels},
 * reliable, in order and authenticated.
 */
public final class DirectTransportService implements TransportService {
    private final NetworkService network;
    private final ReliableChannels channels;

    public DirectTransportService(NetworkService network, ReliableChannels channels) {
        this.network = network;
        this.channels = channels;
    }

    @Override
    public String node() {
        return channels.node();
    }

    @Override
    public DemandId requestPairs(PairRequest request) {
        return network.request(request);
    }

    @Override
    public boolean cancelPairs(DemandId request) {
        return network.cancel(request);
    }

    @Override
    public boolean reachable(String remote) {
        return network.reachable(remote);
    }

    @Override
    public @Nullable String unreachableBecauseDown(String remote) {
        return network.unreachableBecauseDown(remote);
    }

    @Override
    public void listenPairs(int socketId, PairListener listener) {
        network.listen(socketId, listener);
    }

    @Override
    public void unlistenPairs(int socketId) {
        network.unlisten(socketId);
    }

    @Override
    public void send(String remoteNode, int channel, Object message) {
        channels.send(remoteNode, channel, message);
    }

    @Override
    public void listen(int channel, MessageListener listener) {
        channels.listen(channel, listener);
    }

    @Override
    public void unlisten(int channel) {
        channels.unlisten(channel);
    }

    @Override
    public TransportCounters counters() {
        return channels.counters();
    }

    @Override
    public void close() {
        channels.close();
        network.close();
    }
}
