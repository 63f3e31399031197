package org.qnetstack.tcp;

/** A frame or payload from a peer that cannot be accepted; checked so that every decoding path handles it. */
public final class Malformed extends Exception {
    public Malformed(String reason) {
        super(reason);
    }

    public Malformed(String reason, Throwable cause) {
        super(reason, cause);
    }
}
