package org.qnetstack.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.sim.kernel.EventKernel;

/**
 * Events scheduled and dispatched per second by {@link EventKernel}. Every benchmark counts one
 * operation per event (scheduled once, run once), so the score is in events/s.
 *
 * <ul>
 *   <li>{@link #chain}: one task that re-posts itself {@value #CHAIN_LENGTH} times (queue of one event:
 *       the kernel's fixed cost per event).
 *   <li>{@link #batchPost}: {@value #BATCH_SIZE} events posted at random delays (fixed seed), then
 *       drained (a heap of up to {@value #BATCH_SIZE} events).
 *   <li>{@link #batchSchedule}: the same through {@link EventKernel#schedule}, keeping every
 *       cancellable handle (as a protocol keeping its timers does).
 *   <li>{@link #batchScheduleCancel}: the same, then one event in four cancelled through its handle
 *       before the drain (timeouts that did not fire). An operation is still one event scheduled;
 *       cancelled ones are not run.
 *   <li>{@link #hold}: the classic "hold" model of event-list studies: {@value #HOLD_SIZE} events
 *       stay pending; each event run schedules one more at a random delay below 1 ms. One invocation
 *       runs {@value #HOLD_STEPS} events. This is the large-network case: many nodes with timers and
 *       photons in flight at once.
 *   <li>{@link #batchSameTime}: {@value #BATCH_SIZE} events posted at only 16 distinct times, so
 *       most comparisons are ties broken by insertion order.
 * </ul>
 *
 * <p>The kernel is reused across invocations, so its queue arrays have grown to size after the first
 * one and the measurement does not include their growth.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelBenchmark {
    static final int CHAIN_LENGTH = 10_000;
    static final int BATCH_SIZE = 10_000;
    /** Delays of the batch's events are drawn uniformly below this (1 ms of virtual time). */
    static final long MAX_DELAY_NANOS = 1_000_000;
    static final long SEED = 20_240_601L;
    static final int HOLD_SIZE = 100_000;
    static final int HOLD_STEPS = 10_000;

    private EventKernel kernel = new EventKernel();
    private final long[] delays = new long[BATCH_SIZE];
    private final TimerHandle[] handles = new TimerHandle[BATCH_SIZE];
    private int remaining;
    private long sink;
    private final Runnable hop = this::hop;
    private final Runnable leaf = this::leaf;
    private final Runnable holdEvent = this::holdEvent;
    private EventKernel holdKernel = new EventKernel();
    private int holdNext;

    @Setup
    public void setUp() {
        kernel = new EventKernel();
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < delays.length; i++) {
            delays[i] = random.nextLong(MAX_DELAY_NANOS);
        }
        setUpHold();
    }

    /** Fills the hold model's queue once per trial; each invocation then keeps its size constant. */
    private void setUpHold() {
        holdKernel = new EventKernel();
        for (int i = 0; i < HOLD_SIZE; i++) {
            holdKernel.post(delays[i % BATCH_SIZE] + i, holdEvent);
        }
    }

    private void holdEvent() {
        holdKernel.post(delays[holdNext++ % BATCH_SIZE], holdEvent);
    }

    private void hop() {
        if (--remaining > 0) {
            kernel.post(100, hop);
        }
    }

    private void leaf() {
        sink += kernel.nanos();
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN_LENGTH)
    public long chain() {
        remaining = CHAIN_LENGTH;
        kernel.post(100, hop);
        while (kernel.step()) {
            // drain
        }
        return kernel.dispatchedEvents();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public long batchPost() {
        EventKernel k = kernel;
        for (long delay : delays) {
            k.post(delay, leaf);
        }
        while (k.step()) {
            // drain
        }
        return k.dispatchedEvents() + sink;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public long batchSchedule() {
        EventKernel k = kernel;
        TimerHandle[] h = handles;
        for (int i = 0; i < BATCH_SIZE; i++) {
            h[i] = k.schedule(delays[i], leaf);
        }
        while (k.step()) {
            // drain
        }
        return k.dispatchedEvents() + sink;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public long batchScheduleCancel() {
        EventKernel k = kernel;
        TimerHandle[] h = handles;
        for (int i = 0; i < BATCH_SIZE; i++) {
            h[i] = k.schedule(delays[i], leaf);
        }
        for (int i = 0; i < BATCH_SIZE; i += 4) {
            h[i].cancel();
        }
        while (k.step()) {
            // drain
        }
        return k.dispatchedEvents() + sink;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public long batchSameTime() {
        EventKernel k = kernel;
        for (long delay : delays) {
            k.post(delay & 15, leaf);
        }
        while (k.step()) {
            // drain
        }
        return k.dispatchedEvents() + sink;
    }

    @Benchmark
    @OperationsPerInvocation(HOLD_STEPS)
    public long hold() {
        EventKernel k = holdKernel;
        for (int i = 0; i < HOLD_STEPS; i++) {
            k.step();
        }
        return k.nanos();
    }
}
