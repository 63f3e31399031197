package org.qnetstack.hal.serial;

/**
 * Something went wrong between the driver and its device. The subclasses say what, so a caller can
 * tell a rejected command (fix the request) from a silent or vanished device (check the cable).
 */
public abstract sealed class SerialDeviceException extends RuntimeException
        permits DeviceErrorException, DeviceUnavailableException, CommandTimeoutException, UnexpectedReplyException {
    protected SerialDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
