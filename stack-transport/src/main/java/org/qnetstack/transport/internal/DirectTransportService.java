package org.qnetstack.transport.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.qnetstack.network.NetworkService;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;
import org.qnetstack.physical.ClassicalNetwork;
import org.qnetstack.transport.MessageListener;
import org.qnetstack.transport.TransportService;

/**
 * Transport over the network layer and the classical network. Classical channels ride on the
 * classical network, which delivers in order and without loss in simulation; messages for a channel
 * nobody listens on yet wait for a listener (within a bound beyond which they are dropped and counted).
 */
public final class DirectTransportService implements TransportService {
    private static final Logger LOG = Logger.getLogger(DirectTransportService.class.getName());
    private static final String PROTOCOL = "transport";

    private final String node;
    private final NetworkService network;
    private final ClassicalNetwork classical;
    private final Map<Integer, MessageListener> listeners = new HashMap<>();
    private long dropped;

    /** One application message on a channel. */
    record Message(int channel, Object body) {
    }

    /** A channel nobody listens on yet keeps its messages until someone does, up to this many. */
    static final int HELD_PER_CHANNEL = 100_000;

    private final Map<Integer, ArrayDeque<Object[]>> held = new HashMap<>();

    private void hold(String from, Message m) {
        ArrayDeque<Object[]> queue = held.computeIfAbsent(m.channel(), c -> new ArrayDeque<>());
        if (queue.size() >= HELD_PER_CHANNEL) {
            dropped++;
            LOG.warning(() -> node + ": dropped a message from " + from + ": channel " + m.channel()
                    + " has nobody listening and " + HELD_PER_CHANNEL + " messages waiting");
            return;
        }
        queue.add(new Object[] {from, m.body()});
    }

    public DirectTransportService(String node, NetworkService network, ClassicalNetwork classical) {
        this.node = node;
        this.network = network;
        this.classical = classical;
        classical.register(node, PROTOCOL, e -> {
            if (!(e.payload() instanceof Message m)) {
                dropped++;
                LOG.warning(() -> node + ": dropped a malformed transport message from " + e.from());
            } else if (listeners.containsKey(m.channel())) {
                listeners.get(m.channel()).onMessage(e.from(), m.body());
            } else {
                hold(e.from(), m);
            }
        });
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public void requestPairs(PairRequest request) {
        network.request(request);
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
        classical.send(node, remoteNode, PROTOCOL, new Message(channel, message));
    }

    @Override
    public void listen(int channel, MessageListener listener) {
        listeners.put(channel, listener);
        ArrayDeque<Object[]> waiting = held.remove(channel);
        if (waiting != null) {
            waiting.forEach(m -> listener.onMessage((String) m[0], m[1]));
        }
    }

    @Override
    public void unlisten(int channel) {
        listeners.remove(channel);
    }

    /** Messages dropped: malformed, or beyond what a channel nobody listens on may hold. */
    public long dropped() {
        return dropped;
    }

    @Override
    public void close() {
        classical.unregister(node, PROTOCOL);
        network.close();
    }
}
