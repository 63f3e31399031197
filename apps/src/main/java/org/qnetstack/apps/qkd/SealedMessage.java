package org.qnetstack.apps.qkd;

import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A message as it travels on the authenticated channel: the sender's sequence number, the payload in the
 * clear and the HMAC-SHA256 tag over both (and over the sender and receiver names, which are not sent).
 * Immutable: the arrays are copied in and out, so a message can be handed to any transport as a value.
 */
public record SealedMessage(long sequence, byte[] payload, byte[] tag) {
    public SealedMessage {
        payload = payload.clone();
        tag = tag.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] tag() {
        return tag.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SealedMessage m && m.sequence == sequence && Arrays.equals(m.payload, payload)
                && Arrays.equals(m.tag, tag);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(sequence) * 31 + Arrays.hashCode(payload)) * 31 + Arrays.hashCode(tag);
    }

    @Override
    public String toString() {
        return "SealedMessage[#" + sequence + ", " + payload.length + " bytes, tag "
                + HexFormat.of().formatHex(tag, 0, Math.min(8, tag.length)) + "…]";
    }
}
