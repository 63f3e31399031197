package org.qnetstack.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The smoke version of {@code bench --only realtime} (its {@code --quick} sizes, about two seconds): every timer
 * of the load and every device operation is measured once, and the figures are ordered. Nothing here judges
 * speed: a shared CI machine's timing is not a figure of record.
 */
class RealTimeBenchTest {
    @Test
    void quickRunMeasuresEveryTimerAndEveryRoundTrip() {
        List<BenchScenarios.Result> rows = RealTimeBench.figures(true);
        assertEquals(2, rows.size());
        Map<String, Object> lateness = rows.get(0).details();
        assertEquals(600L, lateness.get("count"), "2 000 timers/s for 0.3 s, each measured once");
        Map<String, Object> rtt = rows.get(1).details();
        assertEquals(100L, rtt.get("count"), "100 initializations after the warm-up");
        for (BenchScenarios.Result r : rows) {
            double p50 = (double) r.details().get("p50Micros");
            double p99 = (double) r.details().get("p99Micros");
            double max = (double) r.details().get("maxMicros");
            assertTrue(0 <= p50 && p50 <= p99 && p99 <= max, r.scenario() + ": " + r.details());
            assertEquals(p99, r.figure(), 1e-9, "the row's figure is its p99");
            assertTrue(r.details().containsKey("jvmFlags") && r.details().containsKey("loadAverage1m"));
        }
        assertTrue(rows.get(1).figure() * 1e3 >= 2_000, "a round trip includes the operation's 2 µs duration");
    }
}
