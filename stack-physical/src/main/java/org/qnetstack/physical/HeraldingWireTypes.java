package org.qnetstack.physical;

import java.util.Map;

/**
 * The heralding protocol's messages by their stable wire names, for a classical network that encodes
 * payloads (one process per node). The records stay private to this package; only their classes are
 * named here, so that a deployment can put them on its allow-list.
 */
public final class HeraldingWireTypes {
    private HeraldingWireTypes() {
    }

    /** Wire name → message class; the names never change once deployed, the classes may be renamed. */
    public static Map<String, Class<?>> all() {
        return Map.of(
                "mhp.gen", HeraldingMessages.Gen.class,
                "mhp.gen-run", HeraldingMessages.GenRun.class,
                "mhp.gen-stop", HeraldingMessages.GenStop.class,
                "mhp.run-ack", HeraldingMessages.RunAck.class,
                "mhp.reply", HeraldingMessages.Reply.class,
                "mhp.reply-ack", HeraldingMessages.ReplyAck.class);
    }
}
