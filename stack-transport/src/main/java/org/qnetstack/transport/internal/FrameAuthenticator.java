package org.qnetstack.transport.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tags for the frames between two nodes under their pre-shared key. Every tag covers a version label, what
 * kind of tag it is, the sender's and the receiver's names (so a frame cannot be reflected to its sender or
 * redirected to a third node) and the numbers that place it in its stream; variable-length fields are
 * length-prefixed so that no two inputs encode alike. Not thread-safe: one per node and peer, on the node's loop.
 */
final class FrameAuthenticator {
    static final int TAG_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] LABEL = "qnetstack/transport/frame/v1".getBytes(StandardCharsets.UTF_8);
    private static final byte HEADER = 1;
    private static final byte DATA = 2;
    private static final byte ACK = 3;

    private final Mac mac;

    FrameAuthenticator(byte[] key) {
        try {
            this.mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", e);
        }
    }

    byte[] headerTag(String sender, String receiver, int channel, long epoch, long sequence) {
        start(HEADER, sender, receiver, channel, epoch, sequence);
        return mac.doFinal();
    }

    byte[] dataTag(String sender, String receiver, int channel, long epoch, long sequence, byte[] payload) {
        start(DATA, sender, receiver, channel, epoch, sequence);
        mac.update(ByteBuffer.allocate(4).putInt(payload.length).array());
        mac.update(payload);
        return mac.doFinal();
    }

    byte[] ackTag(String sender, String receiver, int channel, long epoch, long cumulative, long sequence) {
        start(ACK, sender, receiver, channel, epoch, cumulative);
        mac.update(ByteBuffer.allocate(8).putLong(sequence).array());
        return mac.doFinal();
    }

    /** Constant-time: a timing difference would let a forger learn a tag byte by byte. */
    static boolean matches(byte[] expected, byte[] got) {
        return MessageDigest.isEqual(expected, got);
    }

    private void start(byte kind, String sender, String receiver, int channel, long epoch, long number) {
        mac.update(LABEL);
        mac.update(kind);
        for (String name : new String[] {sender, receiver}) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            mac.update(bytes);
        }
        mac.update(ByteBuffer.allocate(20).putInt(channel).putLong(epoch).putLong(number).array());
    }
}
