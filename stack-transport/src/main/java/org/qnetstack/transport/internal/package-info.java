/**
 * Transport-layer implementations; not API. {@code ReliableChannels} carries the classical messages
 * (streams, retransmission, reorder buffer, frame tags); {@code MessageCodec} is their canonical encoding.
 */
@NullMarked
package org.qnetstack.transport.internal;

import org.jspecify.annotations.NullMarked;
