package org.qnetstack.hal.serial.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.Logger;
import org.qnetstack.hal.serial.SerialStats;

/**
 * What the driver has counted (written by its worker, read by anyone), and its fault log, which says at
 * most one thing a second at WARNING and the rest at FINE, with how many it held back: a noisy line must
 * not flood the log.
 */
final class Counters {
    enum Stat {
        DELIVERED, DROPPED_BATCHES, DROPPED_CLICKS, GARBAGE, CORRUPT, STRAY, UNEXPECTED, TIMEOUTS, RETRIES,
        RECONNECTS, RESTARTS
    }

    private static final Logger LOG = Logger.getLogger(SerialDevice.class.getName());
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String device;
    private final AtomicLongArray counts = new AtomicLongArray(Stat.values().length);
    private long lastWarning = System.nanoTime() - WARN_INTERVAL_NANOS;
    private long quietWarnings;

    Counters(String device) {
        this.device = device;
    }

    void count(Stat s) {
        counts.incrementAndGet(s.ordinal());
    }

    void add(Stat s, long n) {
        counts.addAndGet(s.ordinal(), n);
    }

    long get(Stat s) {
        return counts.get(s.ordinal());
    }

    SerialStats snapshot() {
        return new SerialStats(get(Stat.DELIVERED), get(Stat.DROPPED_BATCHES), get(Stat.DROPPED_CLICKS),
                get(Stat.GARBAGE), get(Stat.CORRUPT), get(Stat.STRAY), get(Stat.UNEXPECTED), get(Stat.TIMEOUTS),
                get(Stat.RETRIES), get(Stat.RECONNECTS), get(Stat.RESTARTS));
    }

    /** Logs a fault at WARNING at most once a second, at FINE otherwise. Called by the worker only. */
    void warn(String what) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_INTERVAL_NANOS) {
            long quiet = quietWarnings;
            lastWarning = now;
            quietWarnings = 0;
            LOG.warning(() -> device + ": " + what + (quiet > 0 ? " (and " + quiet + " more in the last second)" : ""));
        } else {
            quietWarnings++;
            LOG.fine(() -> device + ": " + what);
        }
    }
}
