package org.qnetstack.hal.device;

/**
 * Why a device operation failed. Each kind is a subclass with its {@link ErrorCode}, so callers can catch
 * what they can handle (retry on a busy qubit, reconnect on a lost device) and report the rest.
 */
public abstract class DeviceException extends RuntimeException {
    private final ErrorCode code;

    protected DeviceException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    protected DeviceException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The exception of the kind the code names, as a driver builds it from a device's error reply. */
    public static DeviceException of(ErrorCode code, String message) {
        return switch (code) {
            case QUBIT_BUSY -> new QubitBusyException(message);
            case INVALID_QUBIT -> new InvalidQubitException(message);
            case INVALID_ARGUMENT -> new InvalidRequestException(message);
            case UNSUPPORTED -> new DeviceUnsupportedException(message);
            case DEVICE_FAULT -> new DeviceFaultException(message);
            case DISCONNECTED -> new DeviceDisconnectedException(message);
            case TIMEOUT -> new DeviceTimeoutException(message);
            case PROTOCOL_VIOLATION, VERSION_MISMATCH -> new DeviceProtocolException(code, message);
        };
    }

    /** The kinds of failure, with the names the wire protocol uses for them. */
    public enum ErrorCode {
        /** The qubit has an operation or attempt run in progress: wait for it to complete. */
        QUBIT_BUSY,
        /** No such qubit, or a qubit that cannot do this (a storage qubit asked to emit). */
        INVALID_QUBIT,
        /** A value out of range or an unknown name (link, run, gate). */
        INVALID_ARGUMENT,
        /** The device does not offer the operation. */
        UNSUPPORTED,
        /** The device failed while doing it. */
        DEVICE_FAULT,
        /** The device is not (or no longer) connected. */
        DISCONNECTED,
        /** The device did not answer in time. */
        TIMEOUT,
        /** One side broke the protocol (a malformed or unexpected message). */
        PROTOCOL_VIOLATION,
        /** The two sides share no protocol version. */
        VERSION_MISMATCH
    }
}
