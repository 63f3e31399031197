package org.qnetstack.link.internal;

import java.util.Map;
import org.qnetstack.messaging.WireTypeProvider;

/**
 * The link layer's messages ({@link LinkMessages}) by their stable wire names, found through {@link
 * java.util.ServiceLoader} (listed in META-INF/services).
 */
public final class LinkWireTypes implements WireTypeProvider {
    /** Wire name → message class; the names never change once deployed, the classes may be renamed. */
    @Override
    public Map<String, Class<?>> wireTypes() {
        return Map.of(
                "link.add-request", LinkMessages.AddRequest.class,
                "link.add", LinkMessages.Add.class,
                "link.add-ack", LinkMessages.AddAck.class,
                "link.hold", LinkMessages.Hold.class,
                "link.not-held", LinkMessages.NotHeld.class,
                "link.decision", LinkMessages.Decision.class,
                "link.test-outcome", LinkMessages.TestOutcome.class,
                "link.end-request", LinkMessages.EndRequest.class,
                "link.end", LinkMessages.End.class,
                "link.end-ack", LinkMessages.EndAck.class);
    }
}
