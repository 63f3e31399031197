package org.qnetstack.hal.device;

/** The device does not offer the operation (see its {@link DeviceCapabilities}). */
public class DeviceUnsupportedException extends DeviceException {
    public DeviceUnsupportedException(String message) {
        super(ErrorCode.UNSUPPORTED, message);
    }

    public DeviceUnsupportedException(String message, Throwable cause) {
        super(ErrorCode.UNSUPPORTED, message, cause);
    }
}
