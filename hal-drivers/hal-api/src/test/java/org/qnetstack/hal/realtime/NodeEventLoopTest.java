package org.qnetstack.hal.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.TimerHandle;

/**
 * The loop on the wall clock. The ordering rules are tested on a fake clock in {@link TimerQueueTest}; these check
 * the thread: hand-off from other threads, waiting, cancel, close. Tolerances are generous (a shared CI machine);
 * nothing sleeps a fixed time, every wait is on a condition with a timeout.
 */
class NodeEventLoopTest {
    private static final long MS = 1_000_000;

    @Test
    void timersRunOnTheLoopThreadInDueOrderNotTooEarly() throws InterruptedException {
        try (NodeEventLoop loop = NodeEventLoop.start("order")) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(3);
            long t0 = loop.nanos();
            long[] startOfC = new long[1];
            loop.schedule(60 * MS, () -> {
                startOfC[0] = loop.nanos();
                ran.add(loop.inLoop() ? "c" : "c off the loop");
                done.countDown();
            });
            loop.schedule(20 * MS, () -> {
                ran.add("a");
                done.countDown();
            });
            loop.schedule(40 * MS, () -> {
                ran.add("b");
                done.countDown();
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("a", "b", "c"), ran);
            assertTrue(startOfC[0] - t0 >= 60 * MS, "never before it is due");
            assertFalse(loop.inLoop());
            assertEquals(3, loop.lateness().count());
        }
    }

    @Test
    void aTimerHeldUpByALongTaskIsMeasuredAsLateByThatMuch() throws InterruptedException {
        try (NodeEventLoop loop = NodeEventLoop.start("held-up")) {
            CountDownLatch done = new CountDownLatch(1);
            long t0 = loop.nanos();
            loop.scheduleAt(t0 + 10 * MS, () -> {
                while (loop.nanos() < t0 + 80 * MS) {
                    Thread.onSpinWait(); // a task that hogs the loop until 80 ms
                }
            });
            loop.scheduleAt(t0 + 20 * MS, done::countDown);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            LatencySummary s = loop.lateness();
            assertEquals(2, s.count());
            assertTrue(s.maxNanos() >= 60 * MS, "due at 20 ms, started after 80 ms: " + s);
        }
    }

    @Test
    void tasksSubmittedFromManyThreadsAllRunOnTheOneLoopThread() throws InterruptedException {
        try (NodeEventLoop loop = NodeEventLoop.start("hand-off")) {
            int threads = 4;
            int each = 2_500;
            AtomicInteger onLoop = new AtomicInteger();
            AtomicInteger concurrent = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(threads * each);
            for (int i = 0; i < threads; i++) {
                new Thread(() -> {
                    for (int j = 0; j < each; j++) {
                        loop.execute(() -> {
                            if (concurrent.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            if (loop.inLoop()) {
                                onLoop.incrementAndGet();
                            }
                            concurrent.decrementAndGet();
                            done.countDown();
                        });
                    }
                }, "submitter-" + i).start();
            }
            assertTrue(done.await(20, TimeUnit.SECONDS));
            assertEquals(threads * each, onLoop.get());
            assertEquals(0, overlaps.get(), "one task at a time");
            assertEquals(threads * each, loop.lateness().count(), "a task for now is measured too");
        }
    }

    @Test
    void aCancelledTimerDoesNotRunAndAFailingTaskDoesNotStopTheLoop() throws InterruptedException {
        try (NodeEventLoop loop = NodeEventLoop.start("cancel")) {
            AtomicInteger cancelledRan = new AtomicInteger();
            TimerHandle h = loop.schedule(20 * MS, cancelledRan::incrementAndGet);
            assertTrue(h.cancel());
            loop.execute(() -> {
                throw new IllegalStateException("a deliberately failing task");
            });
            CountDownLatch after = new CountDownLatch(1);
            loop.schedule(40 * MS, after::countDown);
            assertTrue(after.await(10, TimeUnit.SECONDS), "the loop served on after the failure");
            assertEquals(0, cancelledRan.get());
            assertFalse(h.isPending());
            assertEquals(0, loop.pending());
        }
    }

    @Test
    void closeDropsPendingTasksReleasesTheThreadAndRefusesNewOnes() throws InterruptedException {
        NodeEventLoop loop = NodeEventLoop.start("close");
        AtomicInteger ran = new AtomicInteger();
        TimerHandle later = loop.schedule(3_600_000 * MS, ran::incrementAndGet);
        assertEquals(1, loop.pending());
        loop.close();
        assertFalse(loop.isRunning(), "the thread is gone");
        assertFalse(later.isPending(), "dropped");
        assertEquals(0, loop.pending());
        RejectedExecutionException e =
                assertThrows(RejectedExecutionException.class, () -> loop.execute(ran::incrementAndGet));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        loop.close(); // idempotent
        assertEquals(0, ran.get());
    }

    @Test
    void closeFromATaskStopsTheLoopWhenThatTaskReturns() throws InterruptedException {
        NodeEventLoop loop = NodeEventLoop.start("self-close");
        CountDownLatch closedFromLoop = new CountDownLatch(1);
        loop.execute(() -> {
            loop.close();
            closedFromLoop.countDown();
        });
        assertTrue(closedFromLoop.await(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loop.isRunning() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(loop.isRunning());
    }

    @Test
    void ifTheThreadDiesAnywayTheLoopClosesItselfAndRefusesNewTasks() throws InterruptedException {
        NodeEventLoop loop = NodeEventLoop.start("dies");
        AtomicInteger ran = new AtomicInteger();
        loop.schedule(3_600_000 * MS, ran::incrementAndGet);
        loop.execute(() -> sneakyThrow(new java.io.IOException("a checked exception no catch clause expects")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loop.isRunning() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(loop.isRunning());
        assertEquals(0, loop.pending(), "the task not yet run was dropped");
        assertThrows(RejectedExecutionException.class, () -> loop.execute(ran::incrementAndGet));
        loop.close();
        assertEquals(0, ran.get());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void aBlankNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NodeEventLoop.start(" "));
    }
}
