/**
 * Implementation details of the QKD post-processing: packed-bit arithmetic, the reproducible generator
 * both parties derive Cascade permutations from, GF(2^64) multiplication and Bob's side of the Cascade
 * protocol. Not an API: everything here may change without notice.
 */
@NullMarked
package org.qnetstack.apps.qkd.internal;

import org.jspecify.annotations.NullMarked;
