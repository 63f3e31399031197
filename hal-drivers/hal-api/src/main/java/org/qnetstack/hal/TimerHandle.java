package org.qnetstack.hal;

/** A task scheduled on a {@link Scheduler}; cancel it to release the timer. */
public interface TimerHandle {
    /** Cancels the task if it has not run yet. Returns true if this call prevented it from running. */
    boolean cancel();

    /** True while the task is scheduled and neither run nor cancelled. */
    boolean isPending();
}
