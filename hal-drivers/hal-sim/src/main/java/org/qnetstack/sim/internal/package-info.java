/**
 * The simulated world behind {@link org.qnetstack.sim.SimulatedPlatform}: devices on the shared state
 * engine, links that resolve attempts into heralded states, simulated detectors. Not API.
 */
@NullMarked
package org.qnetstack.sim.internal;

import org.jspecify.annotations.NullMarked;
