package org.qnetstack.api;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What a program given to {@link SimulatedNetwork#submit} computed: {@link #get()} runs the simulation (if
 * nobody has yet) and returns the value, or throws what stopped the program or the run.
 *
 * @param <T> the type of the value
 */
public final class ProgramResult<T> {
    private final String node;
    private final Runnable runSimulation;
    private final CompletableFuture<@Nullable T> value = new CompletableFuture<>();

    ProgramResult(String node, Runnable runSimulation) {
        this.node = node;
        this.runSimulation = runSimulation;
    }

    void complete(@Nullable T result) {
        value.complete(result);
    }

    /** Whether the program has returned its value. */
    public boolean isDone() {
        return value.isDone();
    }

    /**
     * The program's value. Runs the simulation to completion first unless the program has returned already
     * (as after {@link SimulatedNetwork#awaitCompletion()}).
     *
     * @throws SimulationException if the program, or another, failed, or the run could not complete
     */
    public @Nullable T get() {
        if (!value.isDone()) {
            runSimulation.run();
        }
        if (!value.isDone()) {
            throw new SimulationException("the program on " + node + " ended without a value: its node crashed");
        }
        return value.getNow(null);
    }

    /** The value as a future, completed when the program returns (never completed if it fails). */
    public CompletableFuture<@Nullable T> future() {
        return value.copy();
    }
}
