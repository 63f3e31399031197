package org.qnetstack.network.internal;

import java.util.Map;

/** The network layer's messages along a circuit ({@link CircuitMessages}) by their stable wire names. */
public final class NetworkWireTypes {
    private NetworkWireTypes() {
    }

    /** Wire name → message class; the names never change once deployed, the classes may be renamed. */
    public static Map<String, Class<?>> all() {
        return Map.of(
                "net.setup", CircuitMessages.Setup.class,
                "net.swapped", CircuitMessages.Swapped.class,
                "net.distil", CircuitMessages.Distil.class,
                "net.distil-reply", CircuitMessages.DistilReply.class,
                "net.expire", CircuitMessages.Expire.class,
                "net.expire-ack", CircuitMessages.ExpireAck.class);
    }
}
