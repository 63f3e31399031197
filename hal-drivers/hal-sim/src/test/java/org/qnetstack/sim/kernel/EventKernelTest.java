package org.qnetstack.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Platform.RunOutcome;
import org.qnetstack.hal.TimerHandle;

class EventKernelTest {

    @Test
    void runsEventsInTimeOrderAndTiesInInsertionOrder() {
        EventKernel kernel = new EventKernel();
        List<String> order = new ArrayList<>();
        kernel.post(20, () -> order.add("b@20"));
        kernel.post(10, () -> order.add("a@10"));
        kernel.post(20, () -> order.add("c@20"));
        kernel.post(0, () -> order.add("now"));
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        assertEquals(List.of("now", "a@10", "b@20", "c@20"), order);
        assertEquals(20, kernel.nanos());
    }

    @Test
    void manySameTimeEventsKeepInsertionOrderThroughHeapGrowth() {
        EventKernel kernel = new EventKernel();
        SplittableRandom random = new SplittableRandom(1);
        List<long[]> seen = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long t = random.nextInt(50);
            long id = i;
            kernel.post(t, () -> seen.add(new long[] {kernel.nanos(), id}));
        }
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        assertEquals(10_000, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            long[] a = seen.get(i - 1);
            long[] b = seen.get(i);
            assertTrue(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]), "order broken at " + i);
        }
    }

    @Test
    void cancelledEventsDoNotRun() {
        EventKernel kernel = new EventKernel();
        List<String> order = new ArrayList<>();
        TimerHandle h = kernel.schedule(5, () -> order.add("cancelled"));
        kernel.schedule(6, () -> order.add("kept"));
        assertTrue(h.isPending());
        assertTrue(h.cancel());
        assertFalse(h.cancel());
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        assertEquals(List.of("kept"), order);
        assertEquals(1, kernel.dispatchedEvents());
    }

    @Test
    void eventsScheduledFromEventsAreRelativeToTheirTime() {
        EventKernel kernel = new EventKernel();
        long[] fired = new long[1];
        kernel.post(100, () -> kernel.post(50, () -> fired[0] = kernel.nanos()));
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        assertEquals(150, fired[0]);
    }

    @Test
    void runUntilStopsOnConditionIdleOrTimeLimit() {
        EventKernel kernel = new EventKernel();
        int[] count = new int[1];
        for (int i = 1; i <= 10; i++) {
            kernel.post(i * 10L, () -> count[0]++);
        }
        assertEquals(RunOutcome.CONDITION_MET, kernel.runUntil(() -> count[0] == 3, Long.MAX_VALUE));
        assertEquals(30, kernel.nanos());
        assertEquals(RunOutcome.TIME_LIMIT, kernel.runUntil(() -> false, 25));
        assertEquals(55, kernel.nanos());
        assertEquals(5, count[0]);
        assertEquals(RunOutcome.IDLE, kernel.runUntil(() -> false, Long.MAX_VALUE));
        assertEquals(10, count[0]);
    }

    @Test
    void negativeDelayIsRejected() {
        EventKernel kernel = new EventKernel();
        assertThrows(IllegalArgumentException.class, () -> kernel.post(-1, () -> { }));
    }
}
