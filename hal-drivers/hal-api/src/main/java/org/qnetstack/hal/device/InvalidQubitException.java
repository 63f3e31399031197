package org.qnetstack.hal.device;

/** No such qubit on the device, or one whose role cannot do the operation (only communication qubits emit). */
public class InvalidQubitException extends DeviceException {
    public InvalidQubitException(String message) {
        super(ErrorCode.INVALID_QUBIT, message);
    }

    public InvalidQubitException(String message, Throwable cause) {
        super(ErrorCode.INVALID_QUBIT, message, cause);
    }
}
