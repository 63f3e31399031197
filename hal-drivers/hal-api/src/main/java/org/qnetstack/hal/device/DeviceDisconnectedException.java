package org.qnetstack.hal.device;

/** The device is not connected (closed, or its connection was lost): open it again. */
public class DeviceDisconnectedException extends DeviceException {
    public DeviceDisconnectedException(String message) {
        super(ErrorCode.DISCONNECTED, message);
    }

    public DeviceDisconnectedException(String message, Throwable cause) {
        super(ErrorCode.DISCONNECTED, message, cause);
    }
}
