/**
 * The transport layer: end-to-end pairs multiplexed over circuits by socket id, and applications'
 * classical messages between end nodes on numbered channels, in order.
 */
@NullMarked
package org.qnetstack.transport;

import org.jspecify.annotations.NullMarked;
