package org.qnetstack.hal.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentilesOfAUniformSpreadWithinOnePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1_000); // 1 µs .. 100 ms
        }
        LatencySummary s = h.summary();
        assertEquals(100_000, s.count());
        assertEquals(50_000_000, s.p50Nanos(), 500_000, "1% of 50 ms");
        assertEquals(99_000_000, s.p99Nanos(), 990_000);
        assertEquals(100_000_000, s.maxNanos());
    }

    @Test
    void emptyNegativeHugeAndReset() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(new LatencySummary(0, 0, 0, 0), h.summary());
        h.record(-5);
        assertEquals(new LatencySummary(1, 0, 0, 0), h.summary(), "a negative latency counts as 0");
        long day = 86_400_000_000_000L;
        h.record(day);
        assertEquals(day, h.summary().maxNanos(), "beyond the histogram's range the maximum stays exact");
        h.reset();
        assertEquals(0, h.summary().count());
        assertThrows(IllegalArgumentException.class, () -> new LatencySummary(-1, 0, 0, 0));
    }

    @Test
    void summaryReadsInHumanUnits() {
        assertEquals("n=3 p50=500 ns p99=12.3 µs max=45.00 ms",
                new LatencySummary(3, 500, 12_300, 45_000_000).toString());
    }
}
