package org.qnetstack.hal.device;

/**
 * The device broke the wire protocol (a malformed, unexpected or unverifiable reply), or shares no protocol
 * version with the driver ({@link ErrorCode#VERSION_MISMATCH}).
 */
public class DeviceProtocolException extends DeviceException {
    public DeviceProtocolException(String message) {
        super(ErrorCode.PROTOCOL_VIOLATION, message);
    }

    public DeviceProtocolException(ErrorCode code, String message) {
        super(checked(code), message);
    }

    private static ErrorCode checked(ErrorCode code) {
        if (code != ErrorCode.PROTOCOL_VIOLATION && code != ErrorCode.VERSION_MISMATCH) {
            throw new IllegalArgumentException(code + " is not a protocol error");
        }
        return code;
    }
}
