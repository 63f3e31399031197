package org.qnetstack.apps.qkd;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One end of an authenticated classical channel: {@link #seal} tags outgoing payloads with HMAC-SHA256
 * under a pre-shared key and a sequence number; {@link #open} delivers an incoming payload only if its tag
 * verifies and its number is exactly the next one expected. QKD needs this (not secrecy: the post-processing
 * messages are public) because an unauthenticated channel lets a man in the middle run QKD with each party.
 *
 * <p>Choice: a rejected message throws a typed {@link AuthenticationException} (FORGED, REPLAYED or
 * OUT_OF_ORDER) and is dropped; the channel stays usable, and the counters record it. Strict ordering suits
 * the in-order transports under it: anything else is an attack or a fault. The tag covers a version label,
 * both ends' names (so a message cannot be reflected to its sender or redirected to a third node), the
 * sequence number and the payload, each length-prefixed so no two inputs encode alike.
 *
 * <p>Each direction has its own counter. In QKD the pre-shared key is replenished from earlier output keys.
 */
public final class AuthenticatedChannel {
    /** 256 bits: HMAC-SHA256's full strength; shorter keys are refused rather than silently weak. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] LABEL = "qnetstack/qkd/authenticated-channel/v1".getBytes(StandardCharsets.UTF_8);

    private final Mac mac;
    private final byte[] local;
    private final byte[] remote;
    private long nextOutgoing;
    private long nextIncoming;
    private long accepted;
    private long rejected;

    public AuthenticatedChannel(byte[] preSharedKey, String localId, String remoteId) {
        if (preSharedKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("pre-shared key of " + preSharedKey.length + " bytes; at least "
                    + MIN_KEY_BYTES + " are required");
        }
        if (localId.equals(remoteId)) {
            throw new IllegalArgumentException("both ends are named '" + localId
                    + "': messages could be reflected back to their sender");
        }
        try {
            this.mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(preSharedKey, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", e);
        }
        this.local = localId.getBytes(StandardCharsets.UTF_8);
        this.remote = remoteId.getBytes(StandardCharsets.UTF_8);
    }

    /** Tags a payload with the next outgoing sequence number. */
    public synchronized SealedMessage seal(byte[] payload) {
        long sequence = nextOutgoing++;
        return new SealedMessage(sequence, payload, tag(local, remote, sequence, payload));
    }

    /**
     * The payload of a message from the remote end.
     *
     * @throws AuthenticationException if the tag does not verify or the sequence number is not the next one
     */
    public synchronized byte[] open(SealedMessage message) {
        byte[] payload = message.payload();
        byte[] expectedTag = tag(remote, local, message.sequence(), payload);
        // Constant-time comparison: a timing difference would let a forger learn the tag byte by byte.
        if (!MessageDigest.isEqual(expectedTag, message.tag())) {
            throw reject(AuthenticationException.Reason.FORGED, message.sequence());
        }
        if (message.sequence() < nextIncoming) {
            throw reject(AuthenticationException.Reason.REPLAYED, message.sequence());
        }
        if (message.sequence() > nextIncoming) {
            throw reject(AuthenticationException.Reason.OUT_OF_ORDER, message.sequence());
        }
        nextIncoming++;
        accepted++;
        return payload;
    }

    public synchronized long accepted() {
        return accepted;
    }

    public synchronized long rejected() {
        return rejected;
    }

    private AuthenticationException reject(AuthenticationException.Reason reason, long sequence) {
        rejected++;
        return new AuthenticationException(reason, sequence, nextIncoming);
    }

    private byte[] tag(byte[] sender, byte[] receiver, long sequence, byte[] payload) {
        for (byte[] field : new byte[][] {LABEL, sender, receiver}) {
            mac.update(ByteBuffer.allocate(4).putInt(field.length).array());
            mac.update(field);
        }
        mac.update(ByteBuffer.allocate(12).putLong(sequence).putInt(payload.length).array());
        mac.update(payload);
        return mac.doFinal();
    }
}
