package org.qnetstack.hal.realtime;

import java.util.Locale;

/**
 * Latencies recorded so far, in nanoseconds: how many, the median, the 99th percentile and the largest. The
 * percentiles come from a histogram with two significant digits (within 1%); the maximum is exact.
 * With no sample all figures are 0.
 */
public record LatencySummary(long count, long p50Nanos, long p99Nanos, long maxNanos) {
    public LatencySummary {
        if (count < 0 || p50Nanos < 0 || p99Nanos < 0 || maxNanos < 0) {
            throw new IllegalArgumentException("latencies are counts and durations, never negative: count " + count
                    + ", p50 " + p50Nanos + ", p99 " + p99Nanos + ", max " + maxNanos);
        }
    }

    /** For logs and benchmarks: {@code n=1000 p50=12.3 µs p99=80.1 µs max=1.20 ms}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "n=%d p50=%s p99=%s max=%s", count, human(p50Nanos), human(p99Nanos),
                human(maxNanos));
    }

    private static String human(long nanos) {
        if (nanos < 10_000) {
            return nanos + " ns";
        }
        if (nanos < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
