package org.qnetstack.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.qnetstack.physical.ClassicalNetwork;
import org.qnetstack.physical.Envelope;

/**
 * A classical network that carries nothing by itself: what the node sends is captured for the test to
 * read, and what the test hands in reaches the registered handler at once. Every pair of nodes is
 * {@link #DELAY_NANOS} apart.
 */
final class CapturingClassicalNetwork implements ClassicalNetwork {
    static final long DELAY_NANOS = 10_000;

    private final Map<String, Consumer<Envelope>> handlers = new HashMap<>();
    final List<Envelope> sent = new ArrayList<>();

    @Override
    public void register(String node, String protocol, Consumer<Envelope> handler) {
        handlers.put(node + "/" + protocol, handler);
    }

    @Override
    public void unregister(String node, String protocol) {
        handlers.remove(node + "/" + protocol);
    }

    @Override
    public void send(String from, String to, String protocol, Object payload) {
        sent.add(new Envelope(from, to, protocol, payload));
    }

    @Override
    public long delayNanos(String from, String to) {
        return DELAY_NANOS;
    }

    @Override
    public long undeliverable() {
        return 0;
    }

    /** Hands a message to the handler registered at {@code to}; false if there is none. */
    boolean deliver(String from, String to, String protocol, Object payload) {
        Consumer<Envelope> handler = handlers.get(to + "/" + protocol);
        if (handler == null) {
            return false;
        }
        handler.accept(new Envelope(from, to, protocol, payload));
        return true;
    }
}
