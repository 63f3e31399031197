package org.qnetstack.hal.qdevice.internal;

/** The kinds of bad input a peer can send, each counted on its own. */
public enum Refusal {
    /** Not JSON, not UTF-8, or not a valid message. */
    MALFORMED("a malformed frame"),
    /** Longer than the frame limit. */
    OVERSIZE("an oversize frame"),
    /** A valid message at the wrong moment (a second welcome, a request sent to the client). */
    UNEXPECTED("an unexpected message"),
    /** A reply to an id never sent. */
    UNKNOWN_ID("a reply to an unknown id"),
    /** A second reply to an id, or a reply after its operation timed out. */
    DUPLICATE("a duplicate or late reply"),
    /** A reply that does not fit its request (missing outcome, unbounded duration, unknown run). */
    INVALID_REPLY("an invalid reply"),
    /** An event that does not fit what the device was asked (a herald for no attempt, an unknown link). */
    INVALID_EVENT("an invalid event");

    private final String description;

    Refusal(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
