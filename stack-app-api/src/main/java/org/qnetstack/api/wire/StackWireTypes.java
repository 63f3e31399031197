package org.qnetstack.api.wire;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qnetstack.link.internal.LinkWireTypes;
import org.qnetstack.network.internal.NetworkWireTypes;
import org.qnetstack.physical.HeraldingWireTypes;
import org.qnetstack.transport.internal.TransportWireTypes;

/**
 * Every payload the stack sends through {@link org.qnetstack.messaging.ClassicalNetwork#send}, by its stable
 * wire name: the heralding protocol ({@code mhp.*}), the link layer ({@code link.*}), the network layer
 * ({@code net.*}) and the transport's frames ({@code transport.*}). Application messages travel inside
 * transport frames as bytes, so they need no entry. A deployment that encodes payloads (one process per
 * node, over TCP) puts exactly these classes on its allow-list; each is a record whose fields are records,
 * enums, strings, numbers, byte arrays or lists of these, so it decodes as its declared types.
 */
public final class StackWireTypes {
    private static final Map<String, Class<?>> ALL = merge(List.of(HeraldingWireTypes.all(), LinkWireTypes.all(),
            NetworkWireTypes.all(), TransportWireTypes.all()));

    private StackWireTypes() {
    }

    /** Wire name → payload class, sorted by name; unmodifiable. */
    public static Map<String, Class<?>> all() {
        return ALL;
    }

    /** The layers' lists in one; a name or class claimed twice is a programming error, caught at class load. */
    private static Map<String, Class<?>> merge(List<Map<String, Class<?>>> layers) {
        Map<String, Class<?>> byName = new TreeMap<>();
        Map<Class<?>, String> byClass = new HashMap<>();
        for (Map<String, Class<?>> layer : layers) {
            layer.forEach((name, type) -> {
                Class<?> earlier = byName.putIfAbsent(name, type);
                String earlierName = byClass.putIfAbsent(type, name);
                if (earlier != null || earlierName != null) {
                    throw new IllegalStateException("wire name '" + name + "' or " + type.getName()
                            + " is claimed twice; give each payload class one unique name");
                }
            });
        }
        return Collections.unmodifiableMap(byName);
    }
}
