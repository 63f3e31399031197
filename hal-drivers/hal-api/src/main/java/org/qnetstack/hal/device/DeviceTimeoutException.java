package org.qnetstack.hal.device;

/** The device did not complete the operation, or say anything, within the allowed time. */
public class DeviceTimeoutException extends DeviceException {
    public DeviceTimeoutException(String message) {
        super(ErrorCode.TIMEOUT, message);
    }

    public DeviceTimeoutException(String message, Throwable cause) {
        super(ErrorCode.TIMEOUT, message, cause);
    }
}
