package org.qnetstack.hal.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.hal.log.RateLimitedLog;
import org.slf4j.helpers.NOPLogger;

/** The loop's rules on a clock the test moves: order, ties, cancel, lateness, failures. */
class TimerQueueTest {
    private final LatencyHistogram lateness = new LatencyHistogram();
    private final RateLimitedLog failures = RateLimitedLog.errors(NOPLogger.NOP_LOGGER);
    private final TimerQueue queue = new TimerQueue("test", lateness, failures);
    private final List<String> ran = new ArrayList<>();

    private TimerHandle at(long due, String label) {
        return queue.add(due, () -> ran.add(label));
    }

    @Test
    void runsInDueOrderAndTiesInInsertionOrder() {
        at(300, "c");
        at(100, "a1");
        at(200, "b");
        at(100, "a2");
        at(100, "a3");
        assertEquals(0, queue.runDue(99), "nothing is due before 100");
        assertEquals(3, queue.runDue(100));
        assertEquals(2, queue.runDue(1_000));
        assertEquals(List.of("a1", "a2", "a3", "b", "c"), ran);
    }

    @Test
    void aTaskAddedForNowByARunningTaskRunsAfterThoseAlreadyDue() {
        queue.add(50, () -> {
            ran.add("first");
            queue.add(50, () -> ran.add("added"));
        });
        at(50, "second");
        queue.runDue(50);
        assertEquals(List.of("first", "second", "added"), ran);
    }

    @Test
    void aCancelledTimerNeverRunsAndOnlyTheFirstCancelCounts() {
        TimerHandle a = at(10, "a");
        at(20, "b");
        assertTrue(a.isPending());
        assertTrue(a.cancel());
        assertFalse(a.cancel(), "already cancelled");
        assertFalse(a.isPending());
        assertEquals(1, queue.pending());
        assertEquals(20, queue.nextDue(), "the cancelled head is skipped");
        queue.runDue(100);
        assertEquals(List.of("b"), ran);
        assertEquals(Long.MAX_VALUE, queue.nextDue());
    }

    @Test
    void aTimerThatRanCannotBeCancelled() {
        TimerHandle a = at(10, "a");
        queue.runDue(10);
        assertFalse(a.isPending());
        assertFalse(a.cancel());
    }

    @Test
    void manyCancelledTimersArePurgedSoMemoryStaysBounded() {
        for (int i = 0; i < 5_000; i++) {
            at(1_000_000 + i, "x").cancel();
        }
        at(5, "live");
        assertEquals(1, queue.pending());
        assertTrue(queue.clear() == 1, "one live timer dropped");
        assertNull(queue.poll(Long.MAX_VALUE));
    }

    @Test
    void latenessIsStartMinusDueForEveryTimer() {
        at(1_000, "a");
        at(2_000, "b");
        at(3_000, "c");
        queue.runDue(1_500); // a starts 500 late
        queue.runDue(2_000); // b on time
        queue.runDue(13_000); // c 10 000 late
        LatencySummary s = lateness.summary();
        assertEquals(3, s.count());
        assertEquals(500, s.p50Nanos(), 5, "the median of 0, 500, 10 000 (within 1%)");
        assertEquals(10_000, s.p99Nanos(), 100);
        assertEquals(10_000, s.maxNanos(), "the maximum is exact");
    }

    @Test
    void aTaskThatThrowsIsLoggedAndTheNextRuns() {
        queue.add(1, () -> {
            throw new IllegalStateException("boom");
        });
        queue.add(1, () -> {
            throw new AssertionError("an Error too");
        });
        at(1, "after");
        assertEquals(3, queue.runDue(1));
        assertEquals(List.of("after"), ran);
        assertEquals(2, failures.total(), "both failures went to the rate-limited log");
    }

    @Test
    void clearDropsEveryPendingTimerAndCancelsTheirHandles() {
        TimerHandle a = at(10, "a");
        TimerHandle b = at(20, "b");
        b.cancel();
        assertEquals(1, queue.clear());
        assertFalse(a.isPending());
        assertEquals(0, queue.runDue(Long.MAX_VALUE));
        assertTrue(ran.isEmpty());
    }
}
