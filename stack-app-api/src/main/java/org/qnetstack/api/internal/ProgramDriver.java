package org.qnetstack.api.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.Node;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.ReactiveProgram;
import org.qnetstack.api.SimulationException;
import org.qnetstack.hal.Clock;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Drives a simulated run: starts the programs at time 0 in registration order, then advances the
 * kernel event by event, handing control to a sequential program whenever an event wakes it.
 */
public final class ProgramDriver {
    /**
     * The event loops the programs' nodes run on (the platform's, in a simulation): one clock for the whole
     * network, run until a condition holds.
     */
    public interface EventLoops {
        /** The network's one clock. */
        Clock clock();

        /**
         * Runs the loops until the condition holds, nothing is left to do, or {@code maxNanos} of loop time have
         * passed since the call.
         */
        Outcome runUntil(BooleanSupplier condition, long maxNanos);
    }

    /** Why {@link EventLoops#runUntil} returned. */
    public enum Outcome {
        CONDITION_MET, IDLE, TIME_LIMIT
    }

    private final EventLoops loops;
    private final ProgramRunner runner = new ProgramRunner();
    private final List<Runnable> starts = new ArrayList<>();
    private final List<Disposable> reactive = new ArrayList<>();
    private final List<String> reactiveNodes = new ArrayList<>();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProgramDriver.class);
    /** The nodes of the programs registered, in order. */
    private final List<String> nodes = new ArrayList<>();
    private int reactiveRunning;
    private Throwable reactiveFailure;
    private boolean started;

    public ProgramDriver(EventLoops loops) {
        this.loops = loops;
    }

    public ProgramRunner runner() {
        return runner;
    }

    public void add(String node, Node api, NodeProgram program) {
        checkNotStarted(node);
        starts.add(() -> runner.start(node, program, api));
    }

    public void add(String node, Node api, ReactiveProgram program) {
        checkNotStarted(node);
        starts.add(() -> {
            reactiveRunning++;
            reactiveNodes.add(node);
            reactive.add(Flux.from(program.run(api)).subscribe(null, e -> {
                reactiveFailure = new SimulationException("the reactive program on " + node + " failed: " + e, e);
                reactiveRunning--;
            }, () -> reactiveRunning--));
        });
    }

    private void checkNotStarted(String node) {
        if (started) {
            throw new org.qnetstack.api.ApiMisuseException(null, "programs must be registered before "
                    + "awaitCompletion() runs the network; build a new network for another run");
        }
        nodes.add(node);
    }

    /**
     * On close: programs were registered but never started (awaitCompletion() was never called), which is
     * reported, since they did nothing at all.
     */
    public void warnIfNeverRun() {
        if (!started && !nodes.isEmpty()) {
            LOG.warn("programs registered for " + nodes + " never ran: the network was closed without "
                    + "awaitCompletion(); call net.awaitCompletion() (or get() on a submitted program's result) "
                    + "before closing it");
        }
    }

    /**
     * Starts the registered programs, in registration order, each until it first waits. For a loop driven
     * from outside (one node in its own process); {@link #runToCompletion} does it by itself.
     */
    public void start() {
        if (!started) {
            started = true;
            starts.forEach(Runnable::run);
        }
    }

    /** After an event run from outside: lets the programs it woke run until they wait again. */
    public void afterEvent() {
        runner.afterEvent();
    }

    /** Whether every program has ended (well or not). */
    public boolean finished() {
        return runner.allDone() && reactiveRunning == 0;
    }

    /** The first program failure, or null if none failed (yet). */
    public @Nullable SimulationException failure() {
        SimulationException failure = runner.failure();
        if (failure != null) {
            return failure;
        }
        if (reactiveFailure != null) {
            return reactiveFailure instanceof SimulationException s ? s : new SimulationException("failed", reactiveFailure);
        }
        return null;
    }

    public void runToCompletion(long maxNanos) {
        start();
        // One clock for the whole network; looked up once, not on every return of runUntil (once per pair).
        Clock clock = loops.clock();
        Thread caller = Thread.currentThread();
        BooleanSupplier signalled = () -> runner.signalledSinceLastCheck() || caller.isInterrupted();
        long deadline = clock.nanos() + maxNanos;
        while (true) {
            if (caller.isInterrupted()) {
                throw new SimulationException("awaitCompletion() was interrupted at " + clock.nanos() / 1e9
                        + " s simulated; the run stopped there (the thread's interrupt status is still set): close "
                        + "the network");
            }
            failIfFailed();
            if (runner.allDone() && reactiveRunning == 0) {
                return;
            }
            Outcome outcome = loops.runUntil(signalled, deadline - clock.nanos());
            runner.afterEvent();
            if (outcome == Outcome.IDLE && !runner.signalledSinceLastCheck()) {
                failIfFailed();
                if (runner.allDone() && reactiveRunning == 0) {
                    return;
                }
                List<String> waiting = runner.waiting();
                waiting.addAll(reactiveRunning > 0 ? reactiveNodes : List.of());
                throw new SimulationException("nothing is left to happen but programs still wait: " + waiting
                        + " (a recv with no matching send or create, or more pairs asked than created?)");
            }
            if (outcome == Outcome.TIME_LIMIT) {
                throw new SimulationException("simulated time limit of " + maxNanos / 1e9 + " s reached; programs "
                        + "still running: " + runner.waiting());
            }
        }
    }

    private void failIfFailed() {
        SimulationException failure = runner.failure();
        if (failure != null) {
            throw failure;
        }
        if (reactiveFailure != null) {
            throw reactiveFailure instanceof SimulationException s ? s : new SimulationException("failed", reactiveFailure);
        }
    }

    /** The node crashed: its programs end with NodeCrashedException, which fails no run, and nobody waits for them. */
    public void crashed(String node) {
        runner.crashed(node);
    }

    public void stop() {
        runner.stopAll();
        reactive.forEach(Disposable::dispose);
    }
}
