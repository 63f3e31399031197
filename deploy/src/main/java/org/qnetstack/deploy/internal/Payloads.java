package org.qnetstack.deploy.internal;

import java.util.Map;
import org.qnetstack.messaging.WireTypeRegistry;
import org.qnetstack.tcp.PayloadTypes;

/**
 * The allow-list of a deployment: every payload the stack sends (each layer's wire names, gathered by {@link
 * WireTypeRegistry} from the layers on the class path), and the world protocol's messages.
 */
public final class Payloads {
    public static final int MAX_FRAME_BYTES = 16 << 20;

    private Payloads() {
    }

    public static PayloadTypes stack() {
        PayloadTypes types = PayloadTypes.none();
        for (Map.Entry<String, Class<?>> e : WireTypeRegistry.load().byName().entrySet()) {
            types = types.with(e.getKey(), e.getValue());
        }
        return types;
    }

    public static PayloadTypes all() {
        return WorldMessages.types(stack());
    }
}
