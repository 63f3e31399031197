package org.qnetstack.api;

/** The network could not deliver the requested pairs; {@link #code()} says why, the message what to do. */
public class EprException extends QnetstackException {
    private final EprErrorCode code;

    public EprException(EprErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public EprErrorCode code() {
        return code;
    }
}
