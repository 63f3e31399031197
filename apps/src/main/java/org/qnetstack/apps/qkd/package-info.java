/**
 * QKD classical post-processing, independent of any simulator or transport: bit strings, parameter
 * estimation with finite-size bounds, Cascade error correction over a {@link
 * org.qnetstack.apps.qkd.ParityChannel}, verification by polynomial hashing, privacy amplification by
 * Toeplitz hashing and an HMAC-authenticated channel. {@link org.qnetstack.apps.qkd.Bbm92PostProcessing}
 * chains the stages from two sifted keys to a final key or a reasoned abort.
 */
@NullMarked
package org.qnetstack.apps.qkd;

import org.jspecify.annotations.NullMarked;
