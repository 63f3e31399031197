package org.qnetstack.api;

import org.qnetstack.link.LinkErrorCode;

/** The network could not deliver the requested pairs; {@link #code()} says why, the message what to do. */
public class EprException extends QnetstackException {
    private final LinkErrorCode code;

    public EprException(LinkErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public LinkErrorCode code() {
        return code;
    }
}
