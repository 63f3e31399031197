package org.qnetstack.hal.serial;

/** The device did not answer a command within the reply timeout, including any retries. */
public final class CommandTimeoutException extends SerialDeviceException {
    private final String command;

    public CommandTimeoutException(String message, String command) {
        super(message, null);
        this.command = command;
    }

    /** The command as the driver sent it. */
    public String command() {
        return command;
    }
}
