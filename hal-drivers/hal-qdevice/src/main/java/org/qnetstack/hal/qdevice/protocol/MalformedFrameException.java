package org.qnetstack.hal.qdevice.protocol;

/** A frame that is not valid JSON, or not a valid message of the protocol; the message says which field and why. */
public final class MalformedFrameException extends Exception {
    public MalformedFrameException(String message) {
        super(message);
    }
}
