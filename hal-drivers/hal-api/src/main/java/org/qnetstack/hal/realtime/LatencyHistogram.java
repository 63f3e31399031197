package org.qnetstack.hal.realtime;

import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds kept in fixed memory (an HdrHistogram of two significant digits, i.e. within 1%, up to
 * an hour: about 37 KiB), however many are recorded: a loop that runs for weeks costs no more than one that runs
 * for a second. Two digits rather than three: a lateness known to 1% is enough, and three would take 270 KiB a
 * loop.
 * A latency above an hour is counted as an hour in the percentiles; the maximum stays exact. Thread-safe: one
 * thread records while others read.
 */
public final class LatencyHistogram {
    /** The largest latency the percentiles resolve; longer ones count as this. */
    static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;

    private final Histogram histogram = new Histogram(1, HIGHEST_TRACKABLE_NANOS, 2);
    private long max;

    /** Records one latency; a negative one (a clock read out of order) counts as 0. */
    public synchronized void record(long nanos) {
        long value = Math.max(0, nanos);
        max = Math.max(max, value);
        histogram.recordValue(Math.max(1, Math.min(value, HIGHEST_TRACKABLE_NANOS)));
    }

    public synchronized LatencySummary summary() {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return new LatencySummary(0, 0, 0, 0);
        }
        // The histogram stores 0 as 1 ns (its lowest discernible value), so a percentile may read 1 where all were 0.
        return new LatencySummary(count, Math.min(max, histogram.getValueAtPercentile(50)),
                Math.min(max, histogram.getValueAtPercentile(99)), max);
    }

    /** Forgets every latency recorded (a benchmark's warm-up). */
    public synchronized void reset() {
        histogram.reset();
        max = 0;
    }
}
