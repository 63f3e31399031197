package org.qnetstack.hal.tck;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Clock;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.hal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node event loop on real time: one thread, tasks in time order, ties in submission order, tasks
 * accepted from any thread. Hardware drivers deliver their events on such a loop; the kit opens them
 * with one. A task that throws is logged and does not stop the loop.
 */
public final class RealTimeScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RealTimeScheduler.class);

    private final ScheduledThreadPoolExecutor executor;
    private final long origin = System.nanoTime();
    private final Clock clock = () -> System.nanoTime() - origin;
    private final String name;
    /** A task that fails every time it runs must not flood the log. */
    private final RateLimitedLog failures = RateLimitedLog.errors(LOG);
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
                failures.log("task failed on {}", name, e);
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
