package org.qnetstack.tcp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * How the local node reaches one peer and the secret they share.
 *
 * @param host       the peer's host name or address
 * @param port       the peer's listening port
 * @param key        the pre-shared key of this pair (both nodes configure the same bytes), at least
 *                   {@value #MIN_KEY_BYTES} bytes; copied in and out so the caller's array can be wiped
 * @param delayNanos the one-way classical delay to this peer that protocols plan with, in ns
 */
public record TcpPeer(String host, int port, byte[] key, long delayNanos) {
    /** HMAC-SHA256 keys shorter than this are too easy to guess. */
    public static final int MIN_KEY_BYTES = 16;

    public TcpPeer {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("TcpPeer.host: must be a host name or address, was '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("TcpPeer.port: must be in 1..65535, was " + port);
        }
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("TcpPeer.key: must have at least " + MIN_KEY_BYTES
                    + " bytes, had " + (key == null ? "none" : key.length));
        }
        if (delayNanos < 0) {
            throw new IllegalArgumentException("TcpPeer.delayNanos: must be >= 0, was " + delayNanos);
        }
        key = key.clone();
    }

    /** A peer whose key is given in hexadecimal, as configuration files carry it. */
    public static TcpPeer ofHexKey(String host, int port, String hexKey, long delayNanos) {
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hexKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TcpPeer.key: not hexadecimal (" + e.getMessage() + ")", e);
        }
        return new TcpPeer(host, port, key, delayNanos);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpPeer p && host.equals(p.host) && port == p.port
                && Arrays.equals(key, p.key) && delayNanos == p.delayNanos;
    }

    @Override
    public int hashCode() {
        return ((host.hashCode() * 31 + port) * 31 + Arrays.hashCode(key)) * 31 + Long.hashCode(delayNanos);
    }

    /** Never prints the key: configurations end up in logs. */
    @Override
    public String toString() {
        return "TcpPeer[host=" + host + ", port=" + port + ", key=<" + key.length + " bytes>, delayNanos="
                + delayNanos + "]";
    }
}
