/**
 * Stage 1 of a quantum internet, trusted repeater: a key relayed along a chain of trusted nodes, QKD on every
 * hop and the key passed on one-time-padded with each hop's key over authenticated classical channels
 * ({@link org.qnetstack.apps.relay.TrustedRelay}).
 */
@NullMarked
package org.qnetstack.apps.relay;

import org.jspecify.annotations.NullMarked;
