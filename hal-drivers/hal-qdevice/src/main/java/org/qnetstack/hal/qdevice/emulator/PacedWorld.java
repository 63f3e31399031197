package org.qnetstack.hal.qdevice.emulator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.sim.SimulatedPlatform;
import org.qnetstack.sim.kernel.EventKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated world on the wall clock: one thread runs the simulator's events when the wall clock reaches
 * their time, and runs tasks handed in from other threads (the connections' requests) at the virtual time
 * of their arrival. Virtual time never runs ahead of the wall clock; when the thread falls behind, events
 * run late but in order, and {@link #maxLatenessNanos()} says by how much at worst.
 */
final class PacedWorld implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PacedWorld.class);
    /** How long the loop sleeps at most with nothing due, so that it notices close. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SimulatedPlatform platform;
    private final EventKernel kernel;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final RateLimitedLog failures = RateLimitedLog.errors(LOG);
    private final Thread loop;
    private final long origin;
    private volatile boolean running = true;
    private volatile long maxLateness;

    PacedWorld(PlatformSpec spec) {
        this.platform = new SimulatedPlatform(spec);
        if (!(platform.scheduler(spec.nodes().get(0).name()) instanceof EventKernel k)) {
            throw new IllegalStateException("the simulated platform's scheduler is not its event kernel");
        }
        this.kernel = k;
        this.origin = System.nanoTime();
        this.loop = new Thread(this::run, "qdevice-emulator-clock");
        loop.setDaemon(true);
        loop.start();
    }

    SimulatedPlatform platform() {
        return platform;
    }

    /** Runs the task on the world's thread, at the virtual time it is taken up. */
    void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs the supplier on the world's thread and waits for its value, at most {@code timeoutMillis}. */
    <T> T call(Supplier<T> supplier, long timeoutMillis) throws TimeoutException, ExecutionException,
            InterruptedException {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(supplier.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The most an event or task has run behind the wall clock so far, in ns. */
    long maxLatenessNanos() {
        return maxLateness;
    }

    private long wall() {
        return System.nanoTime() - origin;
    }

    private void run() {
        while (running) {
            try {
                advance();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    advance();
                    task.run();
                }
                long next = kernel.nextEventTime();
                long wait = next == Long.MAX_VALUE ? IDLE_NANOS : Math.min(IDLE_NANOS, next - wall());
                task = wait > 0 ? tasks.poll(wait, TimeUnit.NANOSECONDS) : null;
                if (task != null) {
                    advance();
                    task.run();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                failures.log("emulated world task failed", e);
            }
        }
    }

    /** Runs every event due by the wall clock now and sets virtual time to it. */
    private void advance() {
        long now = wall();
        long next = kernel.nextEventTime();
        if (next != Long.MAX_VALUE && now - next > maxLateness) {
            maxLateness = now - next;
        }
        kernel.runUntilTime(now);
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        platform.close();
    }
}
