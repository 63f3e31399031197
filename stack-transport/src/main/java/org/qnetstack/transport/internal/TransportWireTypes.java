package org.qnetstack.transport.internal;

import java.util.Map;
import org.qnetstack.messaging.WireTypeProvider;

/**
 * The transport's frames by their stable wire names, found through {@link java.util.ServiceLoader} (listed in
 * META-INF/services). Application messages never cross the classical network as themselves: {@link MessageCodec}
 * turns them into the bytes of a {@link DataFrame}.
 */
public final class TransportWireTypes implements WireTypeProvider {
    /** Wire name → frame class; the names never change once deployed, the classes may be renamed. */
    @Override
    public Map<String, Class<?>> wireTypes() {
        return Map.of(
                "transport.data", DataFrame.class,
                "transport.ack", AckFrame.class);
    }
}
