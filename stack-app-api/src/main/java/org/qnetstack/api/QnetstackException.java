package org.qnetstack.api;

/**
 * The root of every exception the application API throws or fails a publisher with: a run that did not complete
 * ({@link SimulationException}), a misuse of the API ({@link ApiMisuseException}), a failed pair request
 * ({@link EprException}), a full memory ({@link NoFreeQubitException}), a used-up qubit
 * ({@link QubitReleasedException}), a crashed node ({@link NodeCrashedException}), undelivered messages
 * ({@link DeliveryFailedException}), a failed teleportation or remote preparation. Catch it to handle them all;
 * the message always says what happened and what to do.
 */
public class QnetstackException extends RuntimeException {
    public QnetstackException(String message) {
        super(message);
    }

    public QnetstackException(String message, Throwable cause) {
        super(message, cause);
    }
}
