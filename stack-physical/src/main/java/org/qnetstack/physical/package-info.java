/**
 * The physical layer: a node's qubit memory, classical messages between neighbours and stations,
 * and the midpoint heralding protocol that turns attempts in time slots into heralded pairs, each
 * matched to its attempt or rejected. Classical messages may be lost, repeated or reordered (the
 * simulated network injects such {@link org.qnetstack.physical.ClassicalFaults} on request): the
 * protocol never hands up a pair from a mismatched or late reply, reports every herald it will not
 * hold, and resends what must arrive with a {@link org.qnetstack.messaging.Retransmitter}. A link's end
 * of the protocol is {@link org.qnetstack.physical.HeraldingNode}, whose rules live in three package-private
 * state machines: step-by-step attempts, device runs, and the intake of the station's replies. A node's layer
 * is built by {@link org.qnetstack.physical.PhysicalLayer#on}: the layers above reach the node's device only
 * through it (its memory, local operations, link models and heralding ends).
 */
@NullMarked
package org.qnetstack.physical;

import org.jspecify.annotations.NullMarked;
