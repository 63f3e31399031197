package org.qnetstack.hal.serial;

/**
 * The device could not be reached, or was lost and did not come back within the reconnection period.
 * Once a controller reports it, the controller is finished: its click stream ends with this error and
 * every later command fails with it. Close the controller and open a new one.
 */
public final class DeviceUnavailableException extends SerialDeviceException {
    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
