/**
 * Stage 4 of a quantum internet, quantum memory: anonymous transmission of a classical bit over a GHZ state
 * ({@link org.qnetstack.apps.anonymous.AnonymousTransmission}, after Christandl and Wehner 2005) and of a qubit by
 * anonymous entanglement and teleportation ({@link org.qnetstack.apps.anonymous.AnonymousQubit}), the GHZ states
 * made through the stack by fusing pairs at a hub ({@link org.qnetstack.apps.anonymous.Ghz}).
 */
@NullMarked
package org.qnetstack.apps.anonymous;

import org.jspecify.annotations.NullMarked;
