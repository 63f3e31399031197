package org.qnetstack.deploy.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.tcp.Malformed;
import org.qnetstack.hal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's classical network when the world service keeps the time: a message goes to the world, encoded
 * as on the wire, and the world hands it to its addressee once the fibre delay has passed on the common
 * clock. Delays are computed here from the same network file, as the world computes them.
 */
final class RelayNetwork implements ClassicalNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(RelayNetwork.class);
    private final RateLimitedLog malformedLog = RateLimitedLog.warnings(LOG);
    private final String node;
    private final WorldCalls world;
    private final PayloadCodec codec;
    private final ClassicalNetwork delays;
    private final Map<String, Consumer<Envelope>> handlers = new HashMap<>();
    private long undeliverable;
    private long malformed;

    RelayNetwork(String node, WorldCalls world, PayloadCodec codec, ClassicalNetwork delays) {
        this.node = node;
        this.world = world;
        this.codec = codec;
        this.delays = delays;
    }

    private void local(String name, String what) {
        if (!node.equals(name)) {
            throw new IllegalArgumentException("node " + node + " cannot " + what + " for " + name);
        }
    }

    @Override
    public void register(String name, String protocol, Consumer<Envelope> handler) {
        local(name, "register a handler");
        if (handlers.put(protocol, handler) == null) {
            world.send(new WorldMessages.Listen(protocol, true));
        }
    }

    @Override
    public void unregister(String name, String protocol) {
        local(name, "unregister a handler");
        if (handlers.remove(protocol) != null) {
            world.send(new WorldMessages.Listen(protocol, false));
        }
    }

    @Override
    public void send(String from, String to, String protocol, Object payload) {
        local(from, "send");
        PayloadCodec.Encoded e = codec.encode(payload);
        world.send(new WorldMessages.Outgoing(to, protocol, e.type(), e.json()));
    }

    @Override
    public long delayNanos(String from, String to) {
        return delays.delayNanos(from, to);
    }

    @Override
    public long undeliverable() {
        return undeliverable;
    }

    /** Messages whose payload did not decode: counted and dropped. */
    long malformed() {
        return malformed;
    }

    /** A message the world delivers now. */
    void deliver(String from, String protocol, String type, byte[] json) {
        Consumer<Envelope> handler = handlers.get(protocol);
        if (handler == null) {
            undeliverable++;
            LOG.debug("{}: no handler for {} (from {}); dropped", node, protocol, from);
            return;
        }
        Object payload;
        try {
            payload = codec.decode(type, json);
        } catch (Malformed e) {
            malformed++;
            malformedLog.log("{}: dropped a malformed {} message from {}: {}", node, protocol, from, e.getMessage());
            return;
        }
        handler.accept(new Envelope(from, node, protocol, payload));
    }

    /** Forgets the handlers (the node's stack is being rebuilt; the world forgot them too). */
    void clear() {
        handlers.clear();
    }
}
