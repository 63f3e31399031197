package org.qnetstack.hal.log;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * A warning that can repeat once per event (a peer's rejected or malformed messages, a device's errors, dropped
 * frames), logged without flooding: in each window the first {@code burst} events are logged one by one, the rest
 * are only counted (and logged at DEBUG, for whoever turns that on), and the next line logged at the chosen level
 * ends with {@code (N more like this since <instant>)}. A stranger who connects in a loop or a device that repeats
 * one fault then costs a few lines a minute, not one per event.
 *
 * <p>This class is a logging helper that lives in hal-api so that every layer and driver can share one
 * implementation; it is not part of the hardware abstraction. Use one instance per kind of event and per node or
 * device, so that one source's flood cannot hide another's first warnings. It does not replace counters: the
 * caller's counters keep every count, and {@link #total()} counts every event offered here too. Thread-safe.
 */
public final class RateLimitedLog {
    /** Events logged one by one in each window before the rest are only counted. */
    public static final int DEFAULT_BURST = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private final Logger log;
    private final Level level;
    private final int burst;
    private final Duration window;
    private final InstantSource clock;

    private @Nullable Instant windowStart;
    private int loggedInWindow;
    private long suppressed;
    private @Nullable Instant suppressedSince;
    private long total;

    private RateLimitedLog(Logger log, Level level, int burst, Duration window, InstantSource clock) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.log = log;
        this.level = level;
        this.burst = burst;
        this.window = window;
        this.clock = clock;
    }

    /** Warnings to {@code log}: {@value #DEFAULT_BURST} a minute one by one, the rest counted. */
    public static RateLimitedLog warnings(Logger log) {
        return new RateLimitedLog(log, Level.WARN, DEFAULT_BURST, DEFAULT_WINDOW, InstantSource.system());
    }

    /** Errors to {@code log}: {@value #DEFAULT_BURST} a minute one by one, the rest counted. */
    public static RateLimitedLog errors(Logger log) {
        return new RateLimitedLog(log, Level.ERROR, DEFAULT_BURST, DEFAULT_WINDOW, InstantSource.system());
    }

    /** The same log with {@code burst} lines per {@code window}. */
    public RateLimitedLog withBurst(int burst, Duration window) {
        return new RateLimitedLog(log, level, burst, window, clock);
    }

    /** The same log timed by {@code clock} (tests pass a manual one). */
    public RateLimitedLog withClock(InstantSource clock) {
        return new RateLimitedLog(log, level, burst, window, clock);
    }

    /**
     * Counts one event and logs it unless this window's burst is spent. {@code format} and {@code args} follow
     * SLF4J's conventions ({@code {}} placeholders, a trailing {@link Throwable} is logged with its stack trace).
     */
    public void log(String format, @Nullable Object... args) {
        long held;
        @Nullable Instant heldSince;
        synchronized (this) {
            total++;
            Instant now = clock.instant();
            if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
                windowStart = now;
                loggedInWindow = 0;
            }
            if (loggedInWindow >= burst) {
                if (suppressed++ == 0) {
                    suppressedSince = now;
                }
                held = -1;
                heldSince = null;
            } else {
                loggedInWindow++;
                held = suppressed;
                heldSince = suppressedSince;
                suppressed = 0;
                suppressedSince = null;
            }
        }
        if (held < 0) {
            log.debug(format, args);
        } else if (held == 0) {
            emit(format, args);
        } else {
            emit(format + " ({} more like this since {})", withSummary(args, held, heldSince));
        }
    }

    /** Every event offered to {@link #log}, logged or not. */
    public synchronized long total() {
        return total;
    }

    /** Events counted but not logged one by one since the last line logged at this log's level. */
    public synchronized long suppressed() {
        return suppressed;
    }

    /** The arguments with the summary's two inserted before a trailing throwable, which SLF4J wants last. */
    private static @Nullable Object[] withSummary(@Nullable Object[] args, long held, @Nullable Instant since) {
        boolean trailingThrowable = args.length > 0 && args[args.length - 1] instanceof Throwable;
        int plain = trailingThrowable ? args.length - 1 : args.length;
        @Nullable Object[] all = Arrays.copyOf(args, args.length + 2);
        all[plain] = held;
        all[plain + 1] = since;
        if (trailingThrowable) {
            all[plain + 2] = args[plain];
        }
        return all;
    }

    private void emit(String format, @Nullable Object[] args) {
        switch (level) {
            case ERROR -> log.error(format, args);
            case WARN -> log.warn(format, args);
            case INFO -> log.info(format, args);
            case DEBUG -> log.debug(format, args);
            case TRACE -> log.trace(format, args);
        }
    }
}
