package org.qnetstack.link;

/** A request's field is missing or out of range; the message says which and what is allowed. */
public class InvalidRequestException extends IllegalArgumentException {
    private final String field;

    public InvalidRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
