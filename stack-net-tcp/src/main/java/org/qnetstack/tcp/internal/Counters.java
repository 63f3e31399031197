package org.qnetstack.tcp.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.qnetstack.tcp.TcpCounters;

/** The node's live counts; written from I/O threads and the node's loop, hence atomic. */
public final class Counters {
    public final AtomicLong sent = new AtomicLong();
    public final AtomicLong received = new AtomicLong();
    public final AtomicLong delivered = new AtomicLong();
    public final AtomicLong undeliverable = new AtomicLong();
    public final AtomicLong malformed = new AtomicLong();
    public final AtomicLong oversized = new AtomicLong();
    public final AtomicLong authFailures = new AtomicLong();
    public final AtomicLong integrityFailures = new AtomicLong();
    public final AtomicLong unsent = new AtomicLong();
    public final AtomicLong connectAttempts = new AtomicLong();
    public final AtomicLong connections = new AtomicLong();
    public final AtomicLong refusedConnections = new AtomicLong();

    public TcpCounters snapshot() {
        return new TcpCounters(sent.get(), received.get(), delivered.get(), undeliverable.get(), malformed.get(),
                oversized.get(), authFailures.get(), integrityFailures.get(), unsent.get(), connectAttempts.get(),
                connections.get(), refusedConnections.get());
    }
}
