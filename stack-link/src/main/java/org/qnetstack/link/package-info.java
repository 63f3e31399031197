/**
 * The link layer: the entanglement generation service between neighbours. CREATE a number of pairs
 * of type keep or measure-directly with a minimum fidelity; receive ACK (the create id), OK (pairs
 * with entanglement ids, Bell index and goodness, at both ends) or ERR.
 */
@NullMarked
package org.qnetstack.link;

import org.jspecify.annotations.NullMarked;
