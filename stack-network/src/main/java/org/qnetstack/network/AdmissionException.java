package org.qnetstack.network;

/**
 * The network refused a request: no path can give it what it asks given what is already reserved.
 * {@link #field()} names the request's field that cannot be met ({@code minFidelity}, {@code pairsPerSecond})
 * or {@code qubits} when nodes lack free memory; the message says what the best path offers. Ask for less,
 * or wait until other circuits end.
 */
public class AdmissionException extends RuntimeException {
    private final String field;

    public AdmissionException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
