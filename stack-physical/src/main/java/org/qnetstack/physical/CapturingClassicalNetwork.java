package org.qnetstack.physical;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.Envelope;

/**
 * A classical network that carries nothing by itself, for running one protocol end alone (in the spirit of
 * Netty's {@code EmbeddedChannel}): what is sent is captured until the caller drains it, and what the caller hands
 * in ({@link #deliver}) reaches the registered handler at once. Every two places are {@code delayNanos} apart,
 * which is all a protocol derives its timeouts from. Single-threaded.
 */
public final class CapturingClassicalNetwork implements ClassicalNetwork {
    private final long delayNanos;
    private final Map<String, Consumer<Envelope>> handlers = new HashMap<>();
    private final List<Envelope> sent = new ArrayList<>();

    /** @param delayNanos the one-way delay {@link #delayNanos} reports between any two places */
    public CapturingClassicalNetwork(long delayNanos) {
        this.delayNanos = delayNanos;
    }

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
        return delayNanos;
    }

    /** Nothing is dropped: a message to nobody is refused by {@link #deliver} instead. */
    @Override
    public long undeliverable() {
        return 0;
    }

    /** Hands a message to the handler registered at {@code to} for the protocol now; false if there is none. */
    public boolean deliver(String from, String to, String protocol, Object payload) {
        Consumer<Envelope> handler = handlers.get(to + "/" + protocol);
        if (handler == null) {
            return false;
        }
        handler.accept(new Envelope(from, to, protocol, payload));
        return true;
    }

    /** Removes and returns the captured messages whose payload is of the type, in the order they were sent. */
    public List<Envelope> drain(Class<?> type) {
        List<Envelope> out = new ArrayList<>();
        for (Iterator<Envelope> it = sent.iterator(); it.hasNext(); ) {
            Envelope e = it.next();
            if (type.isInstance(e.payload())) {
                out.add(e);
                it.remove();
            }
        }
        return out;
    }

    /** The captured messages not drained yet, in the order they were sent. */
    public List<Envelope> sent() {
        return List.copyOf(sent);
    }
}
