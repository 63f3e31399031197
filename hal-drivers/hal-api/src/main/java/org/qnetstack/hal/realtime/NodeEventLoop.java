package org.qnetstack.hal.realtime;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Clock;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.hal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real-time node's event loop: a single thread that runs the node's tasks in time order, ties in the order
 * they were scheduled, like a Netty event loop. Protocol code schedules on it through {@link Scheduler}; drivers'
 * reader threads and the TCP layer hand their events to it from any thread ({@link #execute}, {@link #schedule}
 * are thread-safe here). Its clock counts nanoseconds on the JVM's monotonic clock from the loop's start.
 *
 * <p>It measures itself: every task's lateness, the time from when it was due to when it started, goes into a
 * fixed-memory histogram read with {@link #lateness()} (a task submitted for now is late by its wait in the
 * queue). A task that throws (an exception or an {@link Error}) is logged, rate-limited, and the loop serves the
 * next. {@link #close()} drops the tasks not yet run and releases the thread; should the thread die anyway (a
 * checked exception thrown sneakily), the loop closes itself the same way, so a submitter gets a
 * {@link RejectedExecutionException}, never a task that silently never runs.
 *
 * <pre>{@code
 * try (NodeEventLoop loop = NodeEventLoop.start("node-alice")) {
 *     QuantumDevice device = Drivers.openQuantumDevice(uri, loop);
 *     ...
 *     log.info("lateness {}", loop.lateness());
 * }
 * }</pre>
 */
public final class NodeEventLoop implements Scheduler, Clock, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeEventLoop.class);
    /** How long {@link #close()} waits for a running task before interrupting it, then again after. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final long origin = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LatencyHistogram lateness = new LatencyHistogram();
    private final TimerQueue timers;
    private final Thread thread;
    private volatile boolean closed;

    private NodeEventLoop(String name) {
        this.name = name;
        this.timers = new TimerQueue(name, lateness, RateLimitedLog.errors(LOG));
        this.thread = new Thread(this::serve, name);
        thread.setDaemon(true);
        // Through the node's log, not the JVM's default handler on stderr.
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("node event loop {} died; it is closed", name, e));
    }

    /** Starts a loop on a new daemon thread named {@code name} (the node's name, for thread dumps and logs). */
    public static NodeEventLoop start(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name the loop after its node: the thread and the logs show it");
        }
        NodeEventLoop loop = new NodeEventLoop(name);
        loop.thread.start();
        return loop;
    }

    public String name() {
        return name;
    }

    /** Nanoseconds since the loop started (monotonic). */
    @Override
    public long nanos() {
        return System.nanoTime() - origin;
    }

    @Override
    public Clock clock() {
        return this;
    }

    /**
     * Runs the task {@code delayNanos} from now (a negative delay means now). Thread-safe.
     *
     * @throws RejectedExecutionException once the loop is closed: nothing would ever run the task
     */
    @Override
    public TimerHandle schedule(long delayNanos, Runnable task) {
        long now = nanos();
        long delay = Math.max(0, delayNanos);
        return enqueue(delay > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delay, task);
    }

    /** Runs the task at {@code atNanos} on this loop's clock; a time in the past means now. Thread-safe. */
    @Override
    public TimerHandle scheduleAt(long atNanos, Runnable task) {
        return enqueue(Math.max(atNanos, nanos()), task);
    }

    private TimerHandle enqueue(long due, Runnable task) {
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("node event loop " + name
                        + " is closed: open a new loop (and the drivers on it) to schedule again");
            }
            TimerQueue.Timer t = timers.add(due, task);
            if (timers.isHead(t)) {
                changed.signal();
            }
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** True on the loop's own thread: code that must run there checks this. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** How late the tasks run so far started (start − due): count, p50, p99 and max. Thread-safe. */
    public LatencySummary lateness() {
        return lateness.summary();
    }

    /** Forgets the lateness recorded so far (after a warm-up). */
    public void resetLateness() {
        lateness.reset();
    }

    /** Tasks scheduled, neither run nor cancelled. */
    public int pending() {
        lock.lock();
        try {
            return timers.pending();
        } finally {
            lock.unlock();
        }
    }

    /** False once the loop has stopped and its thread is gone. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops the loop: tasks not yet run are dropped and scheduling is refused from now on. Waits for a running task
     * to finish, up to five seconds, then interrupts it and waits as long again. From a task on the loop itself it
     * returns at once and the loop stops when that task returns. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (inLoop()) {
            return;
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
            if (thread.isAlive()) {
                LOG.warn("node event loop {}: a task still runs after {}; interrupting it", name, CLOSE_WAIT);
                thread.interrupt();
                thread.join(CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        try {
            while (true) {
                TimerQueue.Timer next = awaitDue();
                if (next == null) {
                    return;
                }
                timers.run(next, nanos());
            }
        } finally {
            lock.lock();
            try {
                closed = true;
                int dropped = timers.clear();
                LOG.debug("node event loop {} stopped, {} tasks not run; lateness {}", name, dropped,
                        lateness.summary());
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next timer due, claimed, after waiting for it; null once the loop is closed. */
    private TimerQueue.@Nullable Timer awaitDue() {
        lock.lock();
        try {
            while (!closed) {
                long now = nanos();
                TimerQueue.Timer t = timers.poll(now);
                if (t != null) {
                    return t;
                }
                long due = timers.nextDue();
                try {
                    if (due == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        changed.awaitNanos(due - now);
                    }
                } catch (InterruptedException e) {
                    // Only close() interrupts the loop, and it sets closed first; a task's stray interrupt is absorbed.
                    Thread.interrupted();
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }
}
