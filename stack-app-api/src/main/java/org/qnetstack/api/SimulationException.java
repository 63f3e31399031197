package org.qnetstack.api;

/**
 * A simulated run did not complete: a program failed (the cause), or every program waits for something
 * that will never happen (the message names who waits), or the time limit passed.
 */
public class SimulationException extends QnetstackException {
    public SimulationException(String message) {
        super(message);
    }

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
