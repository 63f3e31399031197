package org.qnetstack.apps.qkd;

/**
 * A message on an {@link AuthenticatedChannel} was rejected and not delivered. The channel's state is
 * unchanged, so the next genuine message is still accepted; a QKD run should nevertheless abort, since
 * someone is tampering with its classical channel.
 */
public final class AuthenticationException extends RuntimeException {
    /** Why a message was rejected. */
    public enum Reason {
        /** The tag does not match: the payload, the sequence number or the tag was altered, or the message
         *  was made without the key, or it was sent by this side and reflected back. */
        FORGED,
        /** A genuine message whose sequence number was already accepted. */
        REPLAYED,
        /** A genuine message that skips ahead: an earlier one was dropped, delayed or reordered. */
        OUT_OF_ORDER
    }

    private final Reason reason;
    private final long sequence;
    private final long expected;

    public AuthenticationException(Reason reason, long sequence, long expected) {
        super(describe(reason, sequence, expected));
        this.reason = reason;
        this.sequence = sequence;
        this.expected = expected;
    }

    public Reason reason() {
        return reason;
    }

    /** The sequence number the rejected message carried. */
    public long sequence() {
        return sequence;
    }

    /** The sequence number the channel was waiting for. */
    public long expected() {
        return expected;
    }

    private static String describe(Reason reason, long sequence, long expected) {
        return switch (reason) {
            case FORGED -> "message #" + sequence + " rejected: its HMAC does not verify (tampered, forged or "
                    + "reflected); abort the protocol";
            case REPLAYED -> "message #" + sequence + " rejected: replay (already accepted up to #" + (expected - 1)
                    + "); abort the protocol";
            case OUT_OF_ORDER -> "message #" + sequence + " rejected: out of order (waiting for #" + expected
                    + "; a message was lost or reordered); abort the protocol";
        };
    }
}
