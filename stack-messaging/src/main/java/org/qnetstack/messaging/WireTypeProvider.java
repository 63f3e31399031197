package org.qnetstack.messaging;

import java.util.Map;

/**
 * A layer's messages by their stable wire names, found through {@link java.util.ServiceLoader}: a layer lists its
 * implementation in {@code META-INF/services/org.qnetstack.messaging.WireTypeProvider}, and {@link
 * WireTypeRegistry#load()} gathers every layer's into the allow-list a deployment's wire may decode. No layer
 * imports another's message classes to put them on the wire. An implementation needs a public no-argument
 * constructor.
 */
public interface WireTypeProvider {
    /**
     * Wire name → message class. A name never changes once deployed (peers of another build decode by it); the
     * class behind it may be renamed. Names start with the layer's prefix ({@code mhp.}, {@code link.}, ...).
     */
    Map<String, Class<?>> wireTypes();
}
