package org.qnetstack.hal.tck;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Clock;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;

/**
 * A node event loop on real time: one thread, tasks in time order, ties in submission order, tasks
 * accepted from any thread. Hardware drivers deliver their events on such a loop; the kit opens them
 * with one. A task that throws is logged and does not stop the loop.
 */
public final class RealTimeScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RealTimeScheduler.class.getName());

    private final ScheduledThreadPoolExecutor executor;
    private final long origin = System.nanoTime();
    private final Clock clock = () -> System.nanoTime() - origin;
    private final String name;
    private volatile @Nullable Thread loop;

    public RealTimeScheduler(String name) {
        this.name = name;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            loop = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public TimerHandle schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "task failed on " + name, e);
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return new TimerHandle() {
            @Override
            public boolean cancel() {
                return f.cancel(false);
            }

            @Override
            public boolean isPending() {
                return !f.isDone();
            }
        };
    }

    /** True on the loop's own thread. */
    public boolean inLoop() {
        return Thread.currentThread() == loop;
    }

    /** Stops the loop; tasks not yet run are dropped. Waits for a running task, at most five seconds. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
