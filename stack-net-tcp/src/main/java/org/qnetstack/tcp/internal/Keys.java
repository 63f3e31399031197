package org.qnetstack.tcp.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The handshake's cryptography. Both sides contribute a fresh nonce; proofs and the session key are
 * HMAC-SHA256 under the pair's pre-shared key over a labelled transcript (client name, server name, both
 * nonces), so a proof cannot be replayed in another session, reflected to the other role, or reused as a
 * session key. Data frames are then authenticated under the session key, not the long-term key.
 */
public final class Keys {
    public static final int NONCE_BYTES = 16;
    public static final int MAC_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    public static byte[] nonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    public static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks " + ALGORITHM + ", which every Java SE has", e);
        }
    }

    public static byte[] clientProof(byte[] key, String client, String server, byte[] clientNonce, byte[] serverNonce) {
        return derive(key, "qnetstack-tcp/client-proof", client, server, clientNonce, serverNonce);
    }

    public static byte[] serverProof(byte[] key, String client, String server, byte[] clientNonce, byte[] serverNonce) {
        return derive(key, "qnetstack-tcp/server-proof", client, server, clientNonce, serverNonce);
    }

    public static byte[] sessionKey(byte[] key, String client, String server, byte[] clientNonce, byte[] serverNonce) {
        return derive(key, "qnetstack-tcp/session-key", client, server, clientNonce, serverNonce);
    }

    /** Constant-time comparison, so timing does not tell an attacker how much of a proof was right. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static byte[] derive(byte[] key, String label, String client, String server, byte[] nc, byte[] ns) {
        Mac mac = mac(key);
        for (String s : new String[] {label, client, server}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            lengthPrefixed(mac, b); // lengths keep ("ab","c") and ("a","bc") apart
        }
        lengthPrefixed(mac, nc);
        lengthPrefixed(mac, ns);
        return mac.doFinal();
    }

    private static void lengthPrefixed(Mac mac, byte[] b) {
        mac.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
            (byte) b.length});
        mac.update(b);
    }
}
