package org.qnetstack.hal;

import java.util.concurrent.Executor;

/**
 * Runs tasks on a node's single event loop, now or after a delay. Protocol code is written against
 * this interface only, so the same code runs on the simulator's virtual timeline and on a real-time
 * loop. All tasks of one scheduler run on one thread, one at a time, in time order; tasks due at the
 * same instant run in the order they were scheduled.
 *
 * <p>A scheduler is not thread-safe unless its implementation says so (the simulator's kernel is not):
 * a driver with I/O threads of its own hands its events to the loop through whatever the runtime gives
 * it at opening, which is safe to call from any thread.
 */
public interface Scheduler extends Executor {
    Clock clock();

    /** Runs the task {@code delayNanos} from now (0 means after the tasks already due now). */
    TimerHandle schedule(long delayNanos, Runnable task);

    /**
     * Runs the task {@code delayNanos} from now, with no way to cancel it: for the hot path, where an
     * implementation can spare the handle.
     */
    default void post(long delayNanos, Runnable task) {
        schedule(delayNanos, task);
    }

    /** Runs the task at an absolute time; a time in the past means now. */
    default TimerHandle scheduleAt(long atNanos, Runnable task) {
        return schedule(Math.max(0, atNanos - clock().nanos()), task);
    }

    /** Runs the task as soon as possible, after the tasks already due now. */
    @Override
    default void execute(Runnable task) {
        schedule(0, task);
    }
}
