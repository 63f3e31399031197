package org.qnetstack.deploy.internal;

import java.util.HashMap;
import java.util.Map;
import org.qnetstack.hal.Clock;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;

/**
 * A node's event loop when the world service keeps the time: a timer is set on the world's clock, and
 * runs here when the world says it is due. The clock reads the simulated time of the task in hand.
 * Only the node's loop thread uses it.
 */
final class LockstepScheduler implements Scheduler {
    private final WorldCalls world;
    private final Map<Long, Runnable> timers = new HashMap<>();
    private long nextId;
    private long now;

    LockstepScheduler(WorldCalls world) {
        this.world = world;
    }

    void advanceTo(long nanos) {
        now = Math.max(now, nanos);
    }

    /** Runs the timer if it is still set (a cancellation may have crossed the world's firing). */
    void fire(long id) {
        Runnable task = timers.remove(id);
        if (task != null) {
            task.run();
        }
    }

    /** Forgets every timer (the node's stack is being rebuilt). */
    void clear() {
        timers.clear();
    }

    int pending() {
        return timers.size();
    }

    @Override
    public Clock clock() {
        return () -> now;
    }

    @Override
    public TimerHandle schedule(long delayNanos, Runnable task) {
        long id = ++nextId;
        timers.put(id, task);
        world.send(new WorldMessages.TimerSet(id, Math.max(0, delayNanos)));
        return new TimerHandle() {
            @Override
            public boolean cancel() {
                if (timers.remove(id) == null) {
                    return false;
                }
                world.send(new WorldMessages.TimerCancel(id));
                return true;
            }

            @Override
            public boolean isPending() {
                return timers.containsKey(id);
            }
        };
    }
}
