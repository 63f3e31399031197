package org.qnetstack.api;

import org.jspecify.annotations.Nullable;

/**
 * A teleportation did not happen. {@link #reason()} says why; when the network failed to make the pair,
 * {@link #code()} says how. Nothing was lost at the sender: its qubit still holds the state (teleport it again
 * or release it); the pair's halves were released at both ends.
 */
public class TeleportFailedException extends QnetstackException {
    /** Why a teleportation failed. */
    public enum Reason {
        /** The network could not make the pair: lost (EXPIRE), out of time (TIMEOUT), refused (UNSUPP, NOTIME...). */
        NO_PAIR,
        /** The pair came with a fidelity below what the sender asked for. */
        BELOW_FIDELITY
    }

    private final Reason reason;
    private final @Nullable EprErrorCode code;

    public TeleportFailedException(Reason reason, @Nullable EprErrorCode code, String message) {
        super(message);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason() {
        return reason;
    }

    /** The network's error code when the pair could not be made, else null. */
    public @Nullable EprErrorCode code() {
        return code;
    }
}
