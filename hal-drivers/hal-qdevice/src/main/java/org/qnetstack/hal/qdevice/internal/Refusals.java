package org.qnetstack.hal.qdevice.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.qnetstack.hal.log.RateLimitedLog;
import org.slf4j.Logger;

/**
 * Counts and logs what a peer sent that was refused, one counter and one rate-limited log per kind, so a
 * flood of one kind costs a few lines a minute and cannot hide the first warnings of another. Thread-safe.
 */
public final class Refusals {
    private final String peer;
    private final Map<Refusal, AtomicLong> counts = new EnumMap<>(Refusal.class);
    private final Map<Refusal, RateLimitedLog> logs = new EnumMap<>(Refusal.class);
    private volatile String last = "";

    public Refusals(Logger log, String peer) {
        this.peer = peer;
        for (Refusal r : Refusal.values()) {
            counts.put(r, new AtomicLong());
            logs.put(r, RateLimitedLog.warnings(log));
        }
    }

    /** Counts one refusal and logs it (unless its burst is spent) with the peer's name and the reason. */
    public void refuse(Refusal kind, String reason) {
        counts.get(kind).incrementAndGet();
        last = kind.description() + ": " + reason;
        logs.get(kind).log("refused {} from {}: {}", kind.description(), peer, reason);
    }

    public long count(Refusal kind) {
        return counts.get(kind).get();
    }

    /** The latest refusal and its reason, or "" if none. */
    public String last() {
        return last;
    }

    /** Every refusal counted, of every kind. */
    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
