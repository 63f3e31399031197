package org.qnetstack.tcp.internal;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The warnings of one node about connections it refuses, rate-limited: within each window the first
 * {@link #BURST} refusals are logged one by one, the rest only counted, and the next warning says how many
 * went unlogged. A stranger who connects in a loop then costs a few lines a minute, not one per connection;
 * {@link Counters} still has every count.
 */
public final class RefusalLog {
    static final int BURST = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final long windowNanos;
    private final LongSupplier clock;
    private long windowStart;
    private int loggedInWindow;
    private long unlogged;
    private boolean started;

    public RefusalLog() {
        this(WINDOW, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} counts them */
    RefusalLog(Duration window, LongSupplier clock) {
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    /** Logs {@code message} to {@code log} at WARNING, unless this window's burst is spent. */
    public void warn(Logger log, Supplier<String> message) {
        long skipped;
        synchronized (this) {
            long now = clock.getAsLong();
            if (!started || now - windowStart >= windowNanos) {
                started = true;
                windowStart = now;
                loggedInWindow = 0;
            }
            if (loggedInWindow >= BURST) {
                unlogged++;
                return;
            }
            loggedInWindow++;
            skipped = unlogged;
            unlogged = 0;
        }
        log.warning(() -> message.get() + (skipped == 0 ? "" : " (" + skipped + " earlier refusals not logged one by"
                + " one: more than " + BURST + " a minute; the node's counters have them all)"));
    }

    /** Refusals counted but not logged since the last warning. */
    public synchronized long unlogged() {
        return unlogged;
    }
}
