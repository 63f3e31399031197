package org.qnetstack.hal.serial.internal;

import org.jspecify.annotations.Nullable;

/** The line as the command runner sees it: one message out, one reply line back, and a way to get in step. */
interface Wire {
    /** Sends a message and returns the next reply line, or null if none came within the reply timeout. */
    @Nullable String exchange(String line) throws LinkLost;

    /**
     * Makes sure the next line read answers the next message sent (stale replies are dropped); false if
     * the device does not answer that either.
     */
    boolean synchronise() throws LinkLost;
}
