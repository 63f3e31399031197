/**
 * Classical messages between nodes and stations, for every layer of the stack: the {@link
 * org.qnetstack.messaging.ClassicalNetwork} they travel on (which may lose, repeat or reorder them), the {@link
 * org.qnetstack.messaging.Envelope} that addresses one to a protocol at a node, the {@link
 * org.qnetstack.messaging.Retransmitter} that sends one again until it is acknowledged, a protocol's typed inbound
 * dispatch ({@link org.qnetstack.messaging.MessageHandlers}: one handler per message class, anything else rejected
 * and counted) and the stable wire names each layer gives its messages ({@link
 * org.qnetstack.messaging.WireTypeProvider}, found through {@link java.util.ServiceLoader} and gathered by {@link
 * org.qnetstack.messaging.WireTypeRegistry}).
 */
@NullMarked
package org.qnetstack.messaging;

import org.jspecify.annotations.NullMarked;
