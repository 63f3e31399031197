package org.qnetstack.network;

import org.jspecify.annotations.Nullable;

/**
 * The network refused a request: no path can give it what it asks given what is already reserved.
 * {@link #field()} names the request's field that cannot be met ({@code minFidelity}, {@code pairsPerSecond})
 * or {@code qubits} when nodes lack free memory; the message says what the best path offers, and
 * {@link #refusal()}, when the controller could name it, says in figures where the shortfall is and what would be
 * needed. Ask for less, or wait until other circuits end.
 */
public class AdmissionException extends RuntimeException {
    private final String field;
    private final @Nullable Refusal refusal;

    public AdmissionException(String field, String reason) {
        this(field, reason, null);
    }

    public AdmissionException(String field, String reason, @Nullable Refusal refusal) {
        super(field + ": " + reason);
        this.field = field;
        this.refusal = refusal;
    }

    public String field() {
        return field;
    }

    /** The refusal in figures, or null if the controller gave only words. */
    public @Nullable Refusal refusal() {
        return refusal;
    }
}
