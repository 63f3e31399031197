package org.qnetstack.hal.device;

/** The device failed while doing the operation; its message says how. */
public class DeviceFaultException extends DeviceException {
    public DeviceFaultException(String message) {
        super(ErrorCode.DEVICE_FAULT, message);
    }

    public DeviceFaultException(String message, Throwable cause) {
        super(ErrorCode.DEVICE_FAULT, message, cause);
    }
}
