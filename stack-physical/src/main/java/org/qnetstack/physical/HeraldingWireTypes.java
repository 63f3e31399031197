package org.qnetstack.physical;

import java.util.Map;
import org.qnetstack.messaging.WireTypeProvider;

/**
 * The heralding protocol's messages by their stable wire names, for a classical network that encodes
 * payloads (one process per node). The records stay private to this package; only their classes are
 * named here, so that a deployment can put them on its allow-list (found through {@link java.util.ServiceLoader}:
 * see META-INF/services).
 */
public final class HeraldingWireTypes implements WireTypeProvider {
    /** Wire name → message class; the names never change once deployed, the classes may be renamed. */
    @Override
    public Map<String, Class<?>> wireTypes() {
        return Map.of(
                "mhp.gen", HeraldingMessages.Gen.class,
                "mhp.gen-run", HeraldingMessages.GenRun.class,
                "mhp.gen-stop", HeraldingMessages.GenStop.class,
                "mhp.run-ack", HeraldingMessages.RunAck.class,
                "mhp.reply", HeraldingMessages.Reply.class,
                "mhp.reply-ack", HeraldingMessages.ReplyAck.class);
    }
}
