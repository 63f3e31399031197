package org.qnetstack.deploy.internal;

import java.util.Set;
import java.util.stream.Collectors;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.tcp.Malformed;

/**
 * How the world carries a node's classical messages on its simulated network: a message for another node travels
 * as its sender encoded it (the world never decodes what it only passes on), one for a heralding station, which
 * the world hosts, is decoded against the stack's wire types so the station gets its typed message.
 */
final class WorldRelay {
    /** A message between nodes, as its sender encoded it. */
    private record Relayed(String type, byte[] json) {
    }

    private final PayloadCodec codec;
    private final Set<String> stations;

    WorldRelay(PayloadCodec codec, PlatformSpec spec) {
        this.codec = codec;
        this.stations = spec.links().stream().map(l -> l.station().name()).collect(Collectors.toUnmodifiableSet());
    }

    boolean isStation(String name) {
        return stations.contains(name);
    }

    /** The payload to put on the simulated network for a message a node sends. */
    Object toNetwork(boolean toStation, String type, byte[] json) throws Malformed {
        return toStation ? codec.decode(type, json) : new Relayed(type, json);
    }

    /** A payload from the simulated network, as the receiving node's process reads it. */
    PayloadCodec.Encoded toNode(Object payload) {
        return payload instanceof Relayed r ? new PayloadCodec.Encoded(r.type(), r.json()) : codec.encode(payload);
    }
}
