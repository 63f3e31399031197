package org.qnetstack.hal.serial;

/**
 * The device answered with a line that is not a reply to the command sent (garbled, or from another
 * protocol), including after any retries.
 */
public final class UnexpectedReplyException extends SerialDeviceException {
    private final String command;
    private final String reply;

    public UnexpectedReplyException(String device, String command, String reply, String why) {
        super(device + " answered '" + command + "' with '" + reply + "': " + why, null);
        this.command = command;
        this.reply = reply;
    }

    public String command() {
        return command;
    }

    /** The line received, with bytes that are not printable ASCII shown as {@code \xNN}. */
    public String reply() {
        return reply;
    }
}
