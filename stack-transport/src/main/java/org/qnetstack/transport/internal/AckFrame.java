package org.qnetstack.transport.internal;

/**
 * The receiver's acknowledgement: it has every message of the stream below {@code cumulative}, and holds
 * the one numbered {@code sequence}. Authenticated, so that nobody but the receiver can make the sender
 * forget a message.
 *
 * @param tag HMAC-SHA256 over both names, the channel, the epoch and both numbers
 */
record AckFrame(int channel, long epoch, long cumulative, long sequence, byte[] tag) {
}
