/**
 * The physical layer: a node's qubit memory, classical messages between neighbours and stations,
 * and the midpoint heralding protocol that turns attempts in time slots into heralded pairs, each
 * matched to its attempt or rejected.
 */
@NullMarked
package org.qnetstack.physical;

import org.jspecify.annotations.NullMarked;
