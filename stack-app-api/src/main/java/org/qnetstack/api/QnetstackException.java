package org.qnetstack.api;

/**
 * The root of the exceptions the application API throws of its own: a run that did not complete
 * ({@link SimulationException}), a misuse of the API ({@link ApiMisuseException}), a failed pair request
 * ({@link EprException}). Catch it to handle them all; the message always says what happened and what to do.
 */
public class QnetstackException extends RuntimeException {
    public QnetstackException(String message) {
        super(message);
    }

    public QnetstackException(String message, Throwable cause) {
        super(message, cause);
    }
}
