package org.qnetstack.hal.serial.internal;

/** The link was lost, or the device restarted, in the middle of an exchange: its reply will never come. */
final class LinkLost extends Exception {
    LinkLost(String why) {
        super(why, null, false, false);
    }
}
