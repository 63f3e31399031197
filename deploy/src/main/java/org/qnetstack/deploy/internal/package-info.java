/**
 * The world protocol ({@link org.qnetstack.deploy.internal.WorldMessages}), the world's loop, and a node's
 * stand-ins for the world's things: its device, clock and classical network.
 */
@NullMarked
package org.qnetstack.deploy.internal;

import org.jspecify.annotations.NullMarked;
