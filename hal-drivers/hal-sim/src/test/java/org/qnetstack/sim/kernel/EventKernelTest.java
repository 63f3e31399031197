package org.qnetstack.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
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

    @Test
    void aCancelledHeadDoesNotLetRunUntilPassItsDeadline() {
        EventKernel kernel = new EventKernel();
        List<String> order = new ArrayList<>();
        TimerHandle early = kernel.schedule(10, () -> order.add("cancelled@10"));
        kernel.post(100, () -> order.add("late@100"));
        early.cancel();
        assertEquals(100, kernel.nextEventTime());
        assertEquals(RunOutcome.TIME_LIMIT, kernel.runUntil(() -> false, 50));
        assertEquals(List.of(), order);
        assertEquals(50, kernel.nanos());
        kernel.runUntilTime(99);
        assertEquals(List.of(), order);
        assertEquals(99, kernel.nanos());
        kernel.runUntilTime(100);
        assertEquals(List.of("late@100"), order);
    }

    @Test
    void eventsScheduledAfterLookingAheadRunBeforeTheEventSeen() {
        EventKernel kernel = new EventKernel();
        List<String> order = new ArrayList<>();
        kernel.post(1_000, () -> order.add("a@1000"));
        kernel.post(1_000, () -> order.add("b@1000"));
        assertEquals(RunOutcome.TIME_LIMIT, kernel.runUntil(() -> false, 500));
        kernel.post(10, () -> order.add("c@510"));
        assertEquals(510, kernel.nextEventTime());
        kernel.runUntilTime(510);
        assertEquals(1_000, kernel.nextEventTime()); // looks ahead past the clock (510)
        kernel.post(20, () -> order.add("d@530"));
        kernel.post(490, () -> order.add("e@1000"));
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        assertEquals(List.of("c@510", "d@530", "a@1000", "b@1000", "e@1000"), order);
    }

    @Test
    void aHandleIsNotPendingWhileItsTaskRunsNorAfterItsSlotIsReused() {
        EventKernel kernel = new EventKernel();
        TimerHandle[] first = new TimerHandle[1];
        boolean[] pendingDuringRun = {true};
        first[0] = kernel.schedule(5, () -> pendingDuringRun[0] = first[0].isPending());
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        assertFalse(pendingDuringRun[0]);
        // The next event takes the freed slot; the old handle must neither see nor cancel it.
        int[] ran = new int[1];
        TimerHandle second = kernel.schedule(5, () -> ran[0]++);
        assertFalse(first[0].isPending());
        assertFalse(first[0].cancel());
        assertTrue(second.isPending());
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        assertEquals(1, ran[0]);
        assertFalse(second.isPending());
        assertFalse(second.cancel());
    }

    @Test
    void scheduleAtInThePastMeansNowAfterTheEventsAlreadyDue() {
        EventKernel kernel = new EventKernel();
        kernel.runUntilTime(1_000);
        List<String> order = new ArrayList<>();
        kernel.execute(() -> order.add("execute"));
        kernel.scheduleAt(10, () -> order.add("past"));
        kernel.scheduleAt(Long.MIN_VALUE, () -> order.add("far past"));
        kernel.scheduleAt(1_001, () -> order.add("future"));
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        assertEquals(List.of("execute", "past", "far past", "future"), order);
        assertEquals(1_001, kernel.nanos());
    }

    @Test
    void pendingEventsCountsLiveEventsOnlyAndCompactionKeepsTheOrder() {
        EventKernel kernel = new EventKernel();
        SplittableRandom random = new SplittableRandom(7);
        List<TimerHandle> handles = new ArrayList<>();
        List<long[]> kept = new ArrayList<>(); // {time, id} of the events not cancelled
        List<Long> ran = new ArrayList<>();
        for (int id = 0; id < 5_000; id++) {
            long t = random.nextInt(200);
            long eventId = id;
            handles.add(kernel.schedule(t, () -> ran.add(eventId)));
            if (id % 10 == 3) {
                kept.add(new long[] {t, eventId});
            }
        }
        // Cancel 90 %: the queue is compacted several times on the way.
        for (int id = 0; id < handles.size(); id++) {
            if (id % 10 != 3) {
                assertTrue(handles.get(id).cancel());
            }
        }
        assertEquals(kept.size(), kernel.pendingEvents());
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        assertEquals(0, kernel.pendingEvents());
        kept.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        assertEquals(kept.stream().map(e -> e[1]).toList(), ran);
    }

    /**
     * Random schedule / post / execute / cancel, including from inside running events, against a plain
     * priority queue ordered by (time, sequence): the run order, the times and every handle's answers
     * must agree.
     */
    @Test
    void matchesAReferenceQueueOnRandomWorkloads() {
        for (long seed = 1; seed <= 20; seed++) {
            runAgainstReference(seed);
        }
    }

    private static void runAgainstReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        EventKernel kernel = new EventKernel();
        PriorityQueue<long[]> reference = new PriorityQueue<>(
                (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        List<Long> ran = new ArrayList<>();
        List<TimerHandle> handles = new ArrayList<>();
        List<long[]> handleEntries = new ArrayList<>();
        java.util.Set<Long> cancelledIds = new java.util.HashSet<>();
        long[] nextId = {0};
        // Few distinct times, so ties are common; occasional far-future events.
        Runnable[] spawn = new Runnable[1];
        spawn[0] = () -> {
            int kind = random.nextInt(4);
            long delay = random.nextInt(10) < 9 ? random.nextInt(30) : 1_000_000 + random.nextInt(5);
            long id = nextId[0]++;
            long time = kernel.nanos() + (kind == 3 ? 0 : delay);
            Runnable body = () -> {
                ran.add(id);
                if (random.nextInt(3) == 0 && nextId[0] < 3_000) {
                    spawn[0].run();
                }
            };
            long[] entry = {time, id};
            reference.add(entry);
            switch (kind) {
                case 0 -> kernel.post(delay, body);
                case 1, 2 -> {
                    handles.add(kernel.schedule(delay, body));
                    handleEntries.add(entry);
                }
                default -> kernel.execute(body);
            }
        };
        for (int i = 0; i < 1_500; i++) {
            spawn[0].run();
        }
        for (int round = 0; round < 200; round++) {
            // Cancel a few random handles (some already run or cancelled), then run a little.
            for (int c = 0; c < 5 && !handles.isEmpty(); c++) {
                int k = random.nextInt(handles.size());
                long[] entry = handleEntries.get(k);
                boolean expectPending = reference.contains(entry);
                assertEquals(expectPending, handles.get(k).isPending(), "seed " + seed);
                assertEquals(expectPending, handles.get(k).cancel(), "seed " + seed);
                assertFalse(handles.get(k).isPending());
                if (expectPending) {
                    reference.remove(entry);
                    cancelledIds.add(entry[1]);
                }
            }
            assertEquals(reference.size(), kernel.pendingEvents(), "seed " + seed);
            // Looking ahead must not disturb events scheduled afterwards before the one seen.
            long next = reference.isEmpty() ? Long.MAX_VALUE : reference.peek()[0];
            if (random.nextInt(4) == 0) {
                assertEquals(next, kernel.nextEventTime(), "seed " + seed + ": next event time");
            }
            for (int i = random.nextInt(4); i > 0; i--) {
                spawn[0].run();
            }
            long until = kernel.nanos() + random.nextInt(20);
            int before = ran.size();
            kernel.runUntilTime(until);
            // Events spawned while running joined the reference as they were made, so it can be
            // drained only now.
            for (int i = before; i < ran.size(); i++) {
                long[] head = reference.poll();
                assertEquals(head[1], ran.get(i), "seed " + seed + ": run order");
                assertTrue(head[0] <= until);
            }
            assertTrue(reference.isEmpty() || reference.peek()[0] > until, "seed " + seed + ": event left behind");
            assertEquals(until, kernel.nanos());
        }
        int before = ran.size();
        kernel.runUntil(() -> false, Long.MAX_VALUE);
        for (int i = before; i < ran.size(); i++) {
            assertEquals(reference.poll()[1], ran.get(i), "seed " + seed + ": final run order");
        }
        assertTrue(reference.isEmpty());
        for (long id : ran) {
            assertFalse(cancelledIds.contains(id), "a cancelled event ran");
        }
        assertEquals(ran.size(), kernel.dispatchedEvents());
        assertTrue(ran.size() > 1_500, "the workload should have spawned events: " + ran.size());
    }
}
