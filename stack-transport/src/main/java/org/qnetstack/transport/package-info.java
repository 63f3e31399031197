/**
 * The transport layer: end-to-end pairs multiplexed over circuits by socket id, and applications'
 * classical messages between end nodes on numbered channels, reliable, in order, exactly once, and
 * authenticated with HMAC-SHA256 under keys each pair of nodes shares beforehand: tampered, forged and
 * replayed messages are counted and dropped, never delivered.
 */
@NullMarked
package org.qnetstack.transport;

import org.jspecify.annotations.NullMarked;
