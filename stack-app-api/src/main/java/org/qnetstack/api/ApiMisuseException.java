package org.qnetstack.api;

import org.jspecify.annotations.Nullable;

/**
 * The API was called in a way that cannot work: a null or out-of-range argument, a closed network, a wait that
 * can never end, both ends of a socket creating. The message names the parameter (when one is at fault) and says
 * what to do instead; nothing was changed by the call.
 */
public class ApiMisuseException extends QnetstackException {
    private final @Nullable String parameter;

    /** @param parameter the parameter at fault, or null if the call as a whole is */
    public ApiMisuseException(@Nullable String parameter, String message) {
        super(parameter == null ? message : parameter + ": " + message);
        this.parameter = parameter;
    }

    /** The parameter at fault, or null if the call as a whole is (e.g. on a closed network). */
    public @Nullable String parameter() {
        return parameter;
    }

    /** Refuses a null argument, naming the parameter and saying what to give instead. */
    public static <T> T requireNonNull(@Nullable T value, String parameter, String advice) {
        if (value == null) {
            throw new ApiMisuseException(parameter, "must not be null; " + advice);
        }
        return value;
    }
}
