package org.qnetstack.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long run on stderr, with an estimate of the time left: a line rewritten in place when stderr
 * is a terminal, nothing otherwise (unless asked for with {@code --verbose}: then a plain line now and then),
 * nothing with {@code --quiet}. Silent for the first seconds, so that short runs print nothing. One task is
 * shown at a time: a task started while another runs (the qkd runs inside eavesdrop) is not shown.
 * Progress goes to stderr only and never changes a result.
 */
public final class Progress {
    /** How progress is shown. */
    public enum Mode {
        /** Not at all. */
        OFF,
        /** A line rewritten in place (stderr is a terminal). */
        TERMINAL,
        /** A plain line every few seconds (--verbose without a terminal). */
        LINES
    }

    /** A run is silent for this long: only longer runs show progress. */
    static final long QUIET_NANOS = 2_000_000_000L;
    private static final long TERMINAL_EVERY_NANOS = 250_000_000L;
    private static final long LINES_EVERY_NANOS = 5_000_000_000L;
    private static final Task NONE = new Task(null, "", 0, Mode.OFF);

    private static volatile Mode mode = Mode.OFF;
    private static volatile PrintStream stream = System.err;
    private static Task active = NONE;

    private Progress() {
    }

    /** How the command line wants progress shown, and where. */
    public static synchronized void configure(Mode how, PrintStream err) {
        mode = how;
        stream = err;
    }

    /** The mode for this process: a terminal on stderr shows progress, --quiet never, --verbose always. */
    public static Mode modeFor(boolean quiet, boolean verbose) {
        if (quiet) {
            return Mode.OFF;
        }
        if (System.console() != null) {
            return Mode.TERMINAL;
        }
        return verbose ? Mode.LINES : Mode.OFF;
    }

    /** Starts a task of {@code total} steps; a no-op task when progress is off or another task is running. */
    public static synchronized Task start(String what, long total) {
        if (mode == Mode.OFF || active != NONE || total <= 0) {
            return NONE;
        }
        active = new Task(stream, what, total, mode);
        return active;
    }

    private static synchronized void finished(Task task) {
        if (active == task) {
            active = NONE;
        }
    }

    /** One task: {@link #step()} as it advances, {@link #close()} at the end (also on failure). */
    public static final class Task implements AutoCloseable {
        private final PrintStream out;
        private final String what;
        private final long total;
        private final Mode how;
        private final long start = System.nanoTime();
        private final AtomicLong done = new AtomicLong();
        private long lastShown;
        private boolean shown;

        private Task(PrintStream out, String what, long total, Mode how) {
            this.out = out;
            this.what = what;
            this.total = total;
            this.how = how;
        }

        /** One more step done. */
        public void step() {
            if (how == Mode.OFF) {
                return;
            }
            long d = done.incrementAndGet();
            long now = System.nanoTime();
            long every = how == Mode.TERMINAL ? TERMINAL_EVERY_NANOS : LINES_EVERY_NANOS;
            if (now - start < QUIET_NANOS || now - lastShown < every) {
                return;
            }
            synchronized (this) {
                if (now - lastShown < every) {
                    return;
                }
                lastShown = now;
                shown = true;
                String line = line(d, (now - start) / 1e9);
                if (how == Mode.TERMINAL) {
                    out.print("\r" + line + "\u001b[K");
                    out.flush();
                } else {
                    out.println(line);
                }
            }
        }

        /** "qkd pairs: 12,000 of 20,000 (60%), 8 s so far, about 5 s left". */
        String line(long d, double elapsedSeconds) {
            double fraction = Math.min(1, (double) d / total);
            // below 1% done the rate is mostly start-up: no estimate yet
            double left = fraction >= 0.01 ? elapsedSeconds * (1 - fraction) / fraction : Double.NaN;
            return String.format(Locale.ROOT, "%s: %,d of %,d (%.0f%%), %s so far, about %s left", what, d, total,
                    100 * fraction, duration(elapsedSeconds), Double.isNaN(left) ? "?" : duration(left));
        }

        static String duration(double seconds) {
            long s = Math.round(seconds);
            return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }

        @Override
        public void close() {
            if (how == Mode.TERMINAL && shown) {
                synchronized (this) {
                    out.print("\r\u001b[K");
                    out.flush();
                }
            }
            finished(this);
        }
    }
}
