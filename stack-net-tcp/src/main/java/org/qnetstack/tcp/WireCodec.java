package org.qnetstack.tcp;

import org.qnetstack.messaging.Envelope;
import org.qnetstack.tcp.internal.Wire;

/**
 * Envelopes and payloads as JSON, exactly as {@link TcpClassicalNetwork} puts them on the wire: a payload is named
 * by its allow-listed type ({@link PayloadTypes}), and only a class on the list is ever built back. For runtimes
 * that carry the stack's messages another way (a deployment's world service relays them between nodes) and for
 * tests that check that every message survives the wire.
 */
public final class WireCodec {
    /** Bytes a DATA frame adds around an envelope's JSON (length, frame type, sequence number, MAC). */
    public static final int DATA_OVERHEAD = Wire.DATA_OVERHEAD;

    private final Wire wire;

    /**
     * @param maxFrameBytes the largest frame the TCP network accepts: longer strings in the JSON are refused
     * @throws IllegalArgumentException naming the argument if the list is null or the size not positive
     */
    public WireCodec(PayloadTypes types, int maxFrameBytes) {
        if (types == null) {
            throw new IllegalArgumentException("types: give the allow-list of payload types");
        }
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes: must be > 0 (was " + maxFrameBytes + ")");
        }
        this.wire = new Wire(types, maxFrameBytes);
    }

    /** The JSON of an envelope; throws {@link IllegalArgumentException} for a payload off the allow-list. */
    public byte[] encode(Envelope envelope) {
        return wire.encode(envelope);
    }

    /** @throws Malformed if the JSON is not an envelope whose payload is a valid instance of an allowed type */
    public Envelope decodeEnvelope(byte[] json) throws Malformed {
        return wire.decodeEnvelope(json);
    }

    /** The JSON of a value (a payload, without its type name). */
    public byte[] json(Object value) {
        return wire.json(value);
    }

    /** @throws Malformed if the JSON is not a valid instance of the type */
    public <T> T decode(byte[] json, Class<T> type) throws Malformed {
        return wire.decode(json, type);
    }
}
