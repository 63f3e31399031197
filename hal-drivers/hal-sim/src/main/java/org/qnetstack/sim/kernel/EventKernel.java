package org.qnetstack.sim.kernel;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.qnetstack.hal.Clock;
import org.qnetstack.hal.Platform.RunOutcome;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;

/**
 * A single-threaded discrete-event kernel on a virtual nanosecond timeline. Events due at the same
 * instant run in the order they were scheduled, so a run is a pure function of its inputs.
 *
 * <p>The queue is a binary heap kept in parallel primitive arrays (time, sequence) beside the task
 * array, so scheduling allocates nothing but the task itself: {@link #post} takes a bare
 * {@link Runnable}; {@link #schedule} wraps it in a cancellable handle.
 */
public final class EventKernel implements Scheduler, Clock {
    private long now;
    private long nextSequence;
    private long[] times = new long[1024];
    private long[] sequences = new long[1024];
    private Object[] tasks = new Object[1024];
    private int size;
    private long dispatched;

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public Clock clock() {
        return this;
    }

    /** Number of events run so far (cancelled ones excluded). */
    public long dispatchedEvents() {
        return dispatched;
    }

    /** Number of events waiting, cancelled ones included until their time comes. */
    public int pendingEvents() {
        return size;
    }

    @Override
    public TimerHandle schedule(long delayNanos, Runnable task) {
        Handle handle = new Handle(task);
        enqueue(delayNanos, handle);
        return handle;
    }

    /** Schedules a task that will not be cancelled: no handle is allocated. */
    @Override
    public void post(long delayNanos, Runnable task) {
        enqueue(delayNanos, task);
    }

    @Override
    public void execute(Runnable task) {
        enqueue(0, task);
    }

    private void enqueue(long delayNanos, Object task) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must be ≥ 0 ns (was " + delayNanos + ")");
        }
        long time = now + delayNanos;
        if (time < now) {
            time = Long.MAX_VALUE; // saturate: "never" in practice
        }
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
            tasks = Arrays.copyOf(tasks, capacity);
        }
        long sequence = nextSequence++;
        int i = size++;
        // sift up
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, sequence, times[parent], sequences[parent])) {
                break;
            }
            times[i] = times[parent];
            sequences[i] = sequences[parent];
            tasks[i] = tasks[parent];
            i = parent;
        }
        times[i] = time;
        sequences[i] = sequence;
        tasks[i] = task;
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    /** Time of the next event, or {@link Long#MAX_VALUE} if none is waiting. */
    public long nextEventTime() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    /**
     * Runs the next event. Returns false if none was waiting. Cancelled events are dropped without
     * advancing time past them.
     */
    public boolean step() {
        while (size > 0) {
            long time = times[0];
            Object task = tasks[0];
            removeHead();
            if (task instanceof Handle h) {
                if (h.state != Handle.PENDING) {
                    continue;
                }
                h.state = Handle.RUN;
                now = time;
                dispatched++;
                h.task.run();
            } else {
                now = time;
                dispatched++;
                ((Runnable) task).run();
            }
            return true;
        }
        return false;
    }

    private void removeHead() {
        int last = --size;
        long time = times[last];
        long sequence = sequences[last];
        Object task = tasks[last];
        tasks[last] = null;
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && before(times[right], sequences[right], times[child], sequences[child])) {
                child = right;
            }
            if (!before(times[child], sequences[child], time, sequence)) {
                break;
            }
            times[i] = times[child];
            sequences[i] = sequences[child];
            tasks[i] = tasks[child];
            i = child;
        }
        times[i] = time;
        sequences[i] = sequence;
        tasks[i] = task;
    }

    /**
     * Runs events until the condition holds (checked before each event), no event is left, or the
     * next event lies beyond {@code maxNanos} from now; in the last case time advances to the limit.
     */
    public RunOutcome runUntil(BooleanSupplier condition, long maxNanos) {
        long deadline = maxNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + maxNanos;
        while (true) {
            if (condition.getAsBoolean()) {
                return RunOutcome.CONDITION_MET;
            }
            if (size == 0) {
                return RunOutcome.IDLE;
            }
            if (times[0] > deadline) {
                now = deadline;
                return RunOutcome.TIME_LIMIT;
            }
            step();
        }
    }

    /** Runs every event due at or before {@code time}, then sets the clock to it. */
    public void runUntilTime(long time) {
        while (size > 0 && times[0] <= time) {
            step();
        }
        now = Math.max(now, time);
    }

    private static final class Handle implements TimerHandle {
        static final byte PENDING = 0;
        static final byte RUN = 1;
        static final byte CANCELLED = 2;
        final Runnable task;
        byte state = PENDING;

        Handle(Runnable task) {
            this.task = task;
        }

        @Override
        public boolean cancel() {
            if (state != PENDING) {
                return false;
            }
            state = CANCELLED;
            return true;
        }

        @Override
        public boolean isPending() {
            return state == PENDING;
        }
    }
}
