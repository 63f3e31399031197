package org.qnetstack.api.stack;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.NodeProgram;
import org.qnetstack.api.ReactiveProgram;
import org.qnetstack.api.SimulationException;
import org.qnetstack.api.internal.ProgramDriver;
import org.qnetstack.api.internal.ProgramRunner;
import org.qnetstack.hal.Clock;
import org.qnetstack.hal.Platform;

/**
 * Runs the programs of the nodes built on one platform: it starts them at time 0 in registration order and
 * hands control to a sequential program whenever an event wakes it. Either it drives the platform itself
 * ({@link #runToCompletion}), or a loop outside runs the events and calls {@link #start} once and
 * {@link #afterEvent} after each (a deployed node).
 */
public final class ProgramHost {
    private final ProgramDriver driver;

    private ProgramHost(Platform platform) {
        this.driver = new ProgramDriver(new ProgramDriver.EventLoops() {
            @Override
            public Clock clock() {
                return platform.scheduler(platform.spec().nodes().get(0).name()).clock();
            }

            @Override
            public ProgramDriver.Outcome runUntil(BooleanSupplier condition, long maxNanos) {
                return switch (platform.runUntil(condition, maxNanos)) {
                    case CONDITION_MET -> ProgramDriver.Outcome.CONDITION_MET;
                    case IDLE -> ProgramDriver.Outcome.IDLE;
                    case TIME_LIMIT -> ProgramDriver.Outcome.TIME_LIMIT;
                };
            }
        });
    }

    /** @throws IllegalArgumentException naming the field if the platform is null */
    public static ProgramHost on(Platform platform) {
        if (platform == null) {
            throw new IllegalArgumentException("platform: give the platform whose nodes run the programs");
        }
        return new ProgramHost(platform);
    }

    /** For {@link NodeStack}: the runner the built node's sockets hand control back through. */
    ProgramRunner runner() {
        return driver.runner();
    }

    /** Registers a sequential program for a node built with this host; programs start in registration order. */
    public void run(StackNode node, NodeProgram program) {
        driver.add(node.name(), node, program);
    }

    /** Registers a reactive program for a node built with this host. */
    public void runReactive(StackNode node, ReactiveProgram program) {
        driver.add(node.name(), node, program);
    }

    /** Starts the registered programs, in registration order, each until it first waits; once. */
    public void start() {
        driver.start();
    }

    /** After an event run from outside: lets the programs it woke run until they wait again. */
    public void afterEvent() {
        driver.afterEvent();
    }

    /**
     * Starts the programs and runs the platform until every program has finished.
     *
     * @throws SimulationException if a program failed, if the programs wait with nothing left to happen, or if
     *         {@code maxNanos} of simulated time passed
     */
    public void runToCompletion(long maxNanos) {
        driver.runToCompletion(maxNanos);
    }

    /** Whether every program has ended (well or not). */
    public boolean finished() {
        return driver.finished();
    }

    /** The first program failure, or null if none failed (yet). */
    public @Nullable SimulationException failure() {
        return driver.failure();
    }

    /** The node crashed: its programs end with {@code NodeCrashedException}, which fails no run. */
    public void crashed(String node) {
        driver.crashed(node);
    }

    /** Warns if programs were registered but never started (closed before running). */
    public void warnIfNeverRun() {
        driver.warnIfNeverRun();
    }

    /** Stops every program. */
    public void stop() {
        driver.stop();
    }

    /**
     * Runs a call that waits on something outside the simulation that answers by itself (a device in another
     * process): while it waits, a program thread making it counts as working, not waiting for the loop.
     */
    public static <T> T working(Supplier<T> call) {
        return ProgramRunner.working(call);
    }
}
