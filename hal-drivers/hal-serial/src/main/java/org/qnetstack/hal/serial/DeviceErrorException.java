package org.qnetstack.hal.serial;

/**
 * The device rejected a command: the entry it put in its error queue ({@code SYST:ERR?}), e.g. code
 * −222 "Data out of range" for a threshold beyond the input's range.
 */
public final class DeviceErrorException extends SerialDeviceException {
    private final int code;
    private final String deviceMessage;
    private final String command;

    public DeviceErrorException(String device, String command, int code, String deviceMessage) {
        super(device + " rejected '" + command + "': " + code + ",\"" + deviceMessage + "\"", null);
        this.code = code;
        this.deviceMessage = deviceMessage;
        this.command = command;
    }

    /** The SCPI error code (negative for the standard ones). */
    public int code() {
        return code;
    }

    /** The device's own description of the error. */
    public String deviceMessage() {
        return deviceMessage;
    }

    /** The command as the driver sent it. */
    public String command() {
        return command;
    }
}
