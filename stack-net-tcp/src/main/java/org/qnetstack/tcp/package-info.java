/**
 * Classical links over TCP for deployment, one node per process: {@link org.qnetstack.tcp.TcpClassicalNetwork}
 * is the physical layer's {@link org.qnetstack.messaging.ClassicalNetwork} for the local node. Peers are
 * authenticated with pre-shared keys, every frame carries an HMAC, payloads are Jackson-encoded records
 * of an explicit allow-list ({@link org.qnetstack.tcp.PayloadTypes}); hostile input is rejected, counted
 * ({@link org.qnetstack.tcp.TcpCounters}) and logged while the node keeps serving its legitimate peers.
 * {@link org.qnetstack.tcp.WireCodec} gives the wire's JSON of envelopes and payloads to runtimes that carry
 * them another way; what cannot be decoded is {@link org.qnetstack.tcp.Malformed}.
 */
@NullMarked
package org.qnetstack.tcp;

import org.jspecify.annotations.NullMarked;
