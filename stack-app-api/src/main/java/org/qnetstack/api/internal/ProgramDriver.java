package org.qnetstack.api.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.Node;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.ReactiveProgram;
import org.qnetstack.api.SimulationException;
import org.qnetstack.hal.Platform;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Drives a simulated run: starts the programs at time 0 in registration order, then advances the
 * kernel event by event, handing control to a sequential program whenever an event wakes it.
 */
public final class ProgramDriver {
    private final Platform platform;
    private final ProgramRunner runner = new ProgramRunner();
    private final List<Runnable> starts = new ArrayList<>();
    private final List<Disposable> reactive = new ArrayList<>();
    private final List<String> reactiveNodes = new ArrayList<>();
    private int reactiveRunning;
    private Throwable reactiveFailure;
    private boolean started;

    public ProgramDriver(Platform platform) {
        this.platform = platform;
    }

    public ProgramRunner runner() {
        return runner;
    }

    public void add(String node, Node api, NodeProgram program) {
        checkNotStarted();
        starts.add(() -> runner.start(node, program, api));
    }

    public void add(String node, Node api, ReactiveProgram program) {
        checkNotStarted();
        starts.add(() -> {
            reactiveRunning++;
            reactiveNodes.add(node);
            reactive.add(Flux.from(program.run(api)).subscribe(null, e -> {
                reactiveFailure = new SimulationException("the reactive program on " + node + " failed: " + e, e);
                reactiveRunning--;
            }, () -> reactiveRunning--));
        });
    }

    private void checkNotStarted() {
        if (started) {
            throw new IllegalStateException("programs must be registered before awaitCompletion()");
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
        org.qnetstack.hal.Clock clock = platform.scheduler(platform.spec().nodes().get(0).name()).clock();
        java.util.function.BooleanSupplier signalled = runner::signalledSinceLastCheck;
        long deadline = clock.nanos() + maxNanos;
        while (true) {
            failIfFailed();
            if (runner.allDone() && reactiveRunning == 0) {
                return;
            }
            Platform.RunOutcome outcome = platform.runUntil(signalled, deadline - clock.nanos());
            runner.afterEvent();
            if (outcome == Platform.RunOutcome.IDLE && !runner.signalledSinceLastCheck()) {
                failIfFailed();
                if (runner.allDone() && reactiveRunning == 0) {
                    return;
                }
                List<String> waiting = runner.waiting();
                waiting.addAll(reactiveRunning > 0 ? reactiveNodes : List.of());
                throw new SimulationException("nothing is left to happen but programs still wait: " + waiting
                        + " (a recv with no matching send or create, or more pairs asked than created?)");
            }
            if (outcome == Platform.RunOutcome.TIME_LIMIT) {
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
