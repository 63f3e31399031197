package org.qnetstack.hal.serial.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.hal.serial.SerialStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the driver has counted (written by its worker, read by anyone), and its fault log, which says at
 * most one thing a second at WARN and the rest at DEBUG, with how many it held back: a noisy line must
 * not flood the log.
 */
final class Counters {
    enum Stat {
        DELIVERED, DROPPED_BATCHES, DROPPED_CLICKS, GARBAGE, CORRUPT, STRAY, UNEXPECTED, TIMEOUTS, RETRIES,
        RECONNECTS, RESTARTS
    }

    private static final Logger LOG = LoggerFactory.getLogger(SerialDevice.class);

    private final String device;
    private final AtomicLongArray counts = new AtomicLongArray(Stat.values().length);
    private final RateLimitedLog faults = RateLimitedLog.warnings(LOG).withBurst(1, Duration.ofSeconds(1));

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

    /** Logs a fault at WARN at most once a second, at DEBUG otherwise. */
    void warn(String what) {
        faults.log("{}: {}", device, what);
    }
}
