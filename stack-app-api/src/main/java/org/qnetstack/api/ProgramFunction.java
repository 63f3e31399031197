package org.qnetstack.api;

/**
 * A sequential program that computes a value, for {@link SimulatedNetwork#submit}: plain code that calls
 * {@code block()} on each step, as a {@link NodeProgram}, and returns its result.
 *
 * @param <T> what it computes
 */
@FunctionalInterface
public interface ProgramFunction<T> {
    T run(Node node) throws Exception;
}
