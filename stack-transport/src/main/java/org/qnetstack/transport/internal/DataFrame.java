package org.qnetstack.transport.internal;

/**
 * One application message of a stream as it travels. The header tag authenticates who sent it to whom, on
 * which channel, in which stream and at which place; the tag authenticates all that and the payload. Two
 * tags let the receiver tell a genuine frame whose payload was altered (tampered) from one its sender's
 * key never made (forged). The arrays are never modified once built.
 *
 * @param channel   the application's channel, the same at both ends
 * @param epoch     the sender's number for this stream; a new stream after a failed one has a higher one
 * @param sequence  the message's place in the stream, from 0
 * @param payload   the message, encoded by {@link MessageCodec}
 * @param headerTag HMAC-SHA256 over the header
 * @param tag       HMAC-SHA256 over the header and the payload
 */
record DataFrame(int channel, long epoch, long sequence, byte[] payload, byte[] headerTag, byte[] tag) {
}
