package org.qnetstack.hal.realtime;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.hal.log.RateLimitedLog;

/**
 * The event loop's rules without its thread, so that they are tested on a clock the test moves: timers in due
 * order, ties in the order they were added, cancelled timers never run, each run's lateness (start − due)
 * recorded, a task that throws logged and the next served. Not thread-safe: {@link NodeEventLoop} guards it with
 * its lock and runs the polled timer outside it.
 */
final class TimerQueue {
    /** Cancelled timers stay queued (removal from a heap is linear) until this many make up half the queue. */
    private static final int PURGE_AT = 1024;

    private final PriorityQueue<Timer> queue =
            new PriorityQueue<>(Comparator.comparingLong((Timer t) -> t.due).thenComparingLong(t -> t.seq));
    private final LatencyHistogram lateness;
    private final RateLimitedLog failures;
    private final String name;
    private final AtomicInteger cancelled = new AtomicInteger();
    private long nextSeq;

    TimerQueue(String name, LatencyHistogram lateness, RateLimitedLog failures) {
        this.name = name;
        this.lateness = lateness;
        this.failures = failures;
    }

    /** Queues the task for {@code due}, after those already queued for the same instant. */
    Timer add(long due, Runnable task) {
        if (cancelled.get() >= PURGE_AT && cancelled.get() * 2 >= queue.size()) {
            queue.removeIf(t -> t.state.get() == State.CANCELLED);
            cancelled.set(0);
        }
        Timer t = new Timer(due, nextSeq++, task);
        queue.add(t);
        return t;
    }

    /** True if {@code timer} is the one the loop would run next (the loop then wakes to re-time its wait). */
    boolean isHead(Timer timer) {
        return queue.peek() == timer;
    }

    /** The earliest due time of a live timer, or {@link Long#MAX_VALUE} with none. */
    long nextDue() {
        dropCancelledHead();
        Timer head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.due;
    }

    /** The earliest timer due at {@code now} or before, removed and claimed for running; null if none is due. */
    @Nullable Timer poll(long now) {
        while (true) {
            dropCancelledHead();
            Timer head = queue.peek();
            if (head == null || head.due > now) {
                return null;
            }
            queue.poll();
            if (head.state.compareAndSet(State.PENDING, State.RAN)) {
                return head;
            }
        }
    }

    /** Runs a polled timer that starts at {@code start}, recording its lateness; a failure is logged, not thrown. */
    void run(Timer timer, long start) {
        lateness.record(start - timer.due);
        try {
            timer.task.run();
        } catch (RuntimeException | Error e) {
            failures.log("a task failed on node event loop {}; the loop goes on", name, e);
        }
    }

    /** Runs every timer due at {@code now}, those they add for now or before included (the fake-clock tests). */
    int runDue(long now) {
        int ran = 0;
        for (Timer t = poll(now); t != null; t = poll(now)) {
            run(t, now);
            ran++;
        }
        return ran;
    }

    /** Timers queued and not cancelled. */
    int pending() {
        return (int) queue.stream().filter(t -> t.state.get() == State.PENDING).count();
    }

    /** Drops every timer (the loop is closing); returns how many would still have run. */
    int clear() {
        int dropped = 0;
        for (Timer t : queue) {
            if (t.state.compareAndSet(State.PENDING, State.CANCELLED)) {
                dropped++;
            }
        }
        queue.clear();
        cancelled.set(0);
        return dropped;
    }

    private void dropCancelledHead() {
        while (!queue.isEmpty() && queue.peek().state.get() == State.CANCELLED) {
            queue.poll();
            cancelled.decrementAndGet();
        }
    }

    private enum State { PENDING, RAN, CANCELLED }

    /** One scheduled task; its handle may be cancelled from any thread. */
    final class Timer implements TimerHandle {
        final long due;
        final long seq;
        final Runnable task;
        final AtomicReference<State> state = new AtomicReference<>(State.PENDING);

        Timer(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            if (state.compareAndSet(State.PENDING, State.CANCELLED)) {
                cancelled.incrementAndGet();
                return true;
            }
            return false;
        }

        @Override
        public boolean isPending() {
            return state.get() == State.PENDING;
        }
    }
}
