package org.qnetstack.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The network could not deliver the requested pairs; {@link #code()} says why, the message what to do. */
public class EprException extends QnetstackException {
    private final EprErrorCode code;
    private final @Nullable RefusalReason refusal;

    public EprException(EprErrorCode code, String message) {
        this(code, message, null);
    }

    /** A refusal ({@link EprErrorCode#REFUSED}) with its reason in figures, when the network could name them. */
    public EprException(EprErrorCode code, String message, @Nullable RefusalReason refusal) {
        super(code + ": " + message);
        this.code = code;
        this.refusal = refusal;
    }

    public EprErrorCode code() {
        return code;
    }

    /** Where and why the network refused the request, for {@link EprErrorCode#REFUSED}; empty otherwise. */
    public Optional<RefusalReason> refusal() {
        return Optional.ofNullable(refusal);
    }
}
