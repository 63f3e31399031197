/**
 * The link layer's implementation: per link end, a {@link org.qnetstack.link.internal.LinkEndpoint} composed of
 * protocol engines, each a state machine (messages in, messages out, timers through the HAL scheduler): the
 * distributed queue, the master's decision on every heralded pair (so that both ends deliver the same pairs), the
 * test rounds, the attempt source the heralding end below serves, and peer-down handling. Not API.
 */
@NullMarked
package org.qnetstack.link.internal;

import org.jspecify.annotations.NullMarked;
