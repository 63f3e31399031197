package org.qnetstack.deploy.internal;

import org.qnetstack.tcp.Malformed;
import org.qnetstack.tcp.PayloadTypes;
import org.qnetstack.tcp.WireCodec;

/**
 * Encodes the stack's classical payloads for the trip through the world service exactly as the TCP wire
 * does: an allow-listed type name and the record's JSON. Only classes on the list are ever built back.
 */
public final class PayloadCodec {
    private final PayloadTypes types;
    private final WireCodec wire;

    public PayloadCodec(PayloadTypes types, int maxFrameBytes) {
        this.types = types;
        this.wire = new WireCodec(types, maxFrameBytes);
    }

    /** A payload's type name and JSON. */
    public record Encoded(String type, byte[] json) {
    }

    /** @throws IllegalArgumentException if the payload's class is not on the allow-list */
    public Encoded encode(Object payload) {
        String type = types.nameOf(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException(payload.getClass().getName() + " is not on the wire's allow-list: "
                    + "list it in its layer's WireTypeProvider before sending it between processes");
        }
        return new Encoded(type, wire.json(payload));
    }

    /** @throws Malformed if the type is unknown or the JSON is not a valid instance of it */
    public Object decode(String type, byte[] json) throws Malformed {
        Class<?> cls = types.classOf(type);
        if (cls == null) {
            throw new Malformed("payload type '" + type + "' is not on the allow-list");
        }
        return wire.decode(json, cls);
    }
}
