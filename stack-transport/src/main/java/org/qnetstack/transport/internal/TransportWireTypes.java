package org.qnetstack.transport.internal;

import java.util.Map;

/**
 * The transport's frames by their stable wire names. Application messages never cross the classical
 * network as themselves: {@link MessageCodec} turns them into the bytes of a {@link DataFrame}.
 */
public final class TransportWireTypes {
    private TransportWireTypes() {
    }

    /** Wire name → frame class; the names never change once deployed, the classes may be renamed. */
    public static Map<String, Class<?>> all() {
        return Map.of(
                "transport.data", DataFrame.class,
                "transport.ack", AckFrame.class);
    }
}
