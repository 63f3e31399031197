/**
 * Classical messages between nodes and stations, for every layer of the stack: the {@link
 * org.qnetstack.messaging.ClassicalNetwork} they travel on (which may lose, repeat or reorder them), the {@link
 * org.qnetstack.messaging.Envelope} that addresses one to a protocol at a node, and the {@link
 * org.qnetstack.messaging.Retransmitter} that sends one again until it is acknowledged.
 */
@NullMarked
package org.qnetstack.messaging;

import org.jspecify.annotations.NullMarked;
