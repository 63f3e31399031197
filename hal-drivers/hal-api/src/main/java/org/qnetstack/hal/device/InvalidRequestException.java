package org.qnetstack.hal.device;

/** A request's value is out of range or names something the device does not know (a link, a run). */
public class InvalidRequestException extends DeviceException {
    public InvalidRequestException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
