package org.qnetstack.network.internal;

import java.util.Map;
import org.qnetstack.messaging.WireTypeProvider;

/**
 * The network layer's messages along a circuit ({@link CircuitMessages}) by their stable wire names, found through
 * {@link java.util.ServiceLoader} (listed in META-INF/services).
 */
public final class NetworkWireTypes implements WireTypeProvider {
    /** Wire name → message class; the names never change once deployed, the classes may be renamed. */
    @Override
    public Map<String, Class<?>> wireTypes() {
        return Map.of(
                "net.setup", CircuitMessages.Setup.class,
                "net.swapped", CircuitMessages.Swapped.class,
                "net.distil", CircuitMessages.Distil.class,
                "net.distil-reply", CircuitMessages.DistilReply.class,
                "net.expire", CircuitMessages.Expire.class,
                "net.expire-ack", CircuitMessages.ExpireAck.class,
                "net.test-outcome", CircuitMessages.TestOutcome.class);
    }
}
