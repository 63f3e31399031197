/**
 * The link layer: the entanglement generation service between neighbours. CREATE a number of pairs
 * of type keep or measure-directly with a minimum fidelity; receive ACK (the create id), OK (pairs
 * with entanglement ids, Bell index and goodness, at both ends) or ERR; cancel a request at either end.
 * A pair is delivered at one end only if it is delivered at the other, however the classical network
 * misbehaves.
 */
@NullMarked
package org.qnetstack.link;

import org.jspecify.annotations.NullMarked;
