/**
 * Optics of the simulated links: fibre loss and delay, and the heralding schemes that turn photon
 * emissions into click patterns at a station and heralded states of the memories.
 */
@NullMarked
package org.qnetstack.sim.optics;

import org.jspecify.annotations.NullMarked;
