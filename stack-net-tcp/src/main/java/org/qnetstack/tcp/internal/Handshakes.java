package org.qnetstack.tcp.internal;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;
import org.qnetstack.hal.log.RateLimitedLog;

/**
 * The incoming connections of one node that have not authenticated yet, at most {@code max} at once: a
 * further one is closed on arrival, counted in {@link Counters#refusedConnections} and logged through the
 * node's {@link RateLimitedLog}. Each stays here until it authenticates or closes, whichever comes first.
 */
public final class Handshakes {
    private final String local;
    private final int max;
    private final Counters counters;
    private final RateLimitedLog refusals;
    private final AtomicInteger inProgress = new AtomicInteger();

    public Handshakes(String local, int max, Counters counters, RateLimitedLog refusals) {
        this.local = local;
        this.max = max;
        this.counters = counters;
        this.refusals = refusals;
    }

    /** Whether the new connection may start its handshake; if not, it is closed, counted and logged. */
    public boolean admit(Channel channel) {
        if (inProgress.incrementAndGet() <= max) {
            return true;
        }
        inProgress.decrementAndGet();
        counters.refusedConnections.incrementAndGet();
        refusals.log("{}: refusing connection from {}: {} others are still in their handshake"
                + " (TcpNodeConfig.maxUnauthenticated)", local, channel.remoteAddress(), max);
        channel.close();
        return false;
    }

    /** An admitted connection authenticated or closed; call once per admitted connection. */
    public void over() {
        inProgress.decrementAndGet();
    }

    /** Connections admitted and still in their handshake. */
    public int inProgress() {
        return inProgress.get();
    }
}
