package org.qnetstack.hal.device;

/** The qubit has an operation or attempt run in progress; retry once it has completed. */
public class QubitBusyException extends DeviceException {
    public QubitBusyException(String message) {
        super(ErrorCode.QUBIT_BUSY, message);
    }

    public QubitBusyException(String message, Throwable cause) {
        super(ErrorCode.QUBIT_BUSY, message, cause);
    }
}
