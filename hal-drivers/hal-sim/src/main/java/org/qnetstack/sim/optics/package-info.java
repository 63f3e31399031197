/**
 * Optics of the simulated links: the heralding schemes that turn an attempt into click patterns and
 * heralded states of the memories, as pure functions returning {@link org.qnetstack.sim.optics.SingleClickModel.Outcomes}
 * (per pattern, the unnormalised state of the two spins; D0 heralds Ψ+, D1 Ψ−, NONE and BOTH fail).
 * Station in the middle: {@link org.qnetstack.sim.optics.SingleClickModel} and
 * {@link org.qnetstack.sim.optics.DoubleClickModel} with their {@link org.qnetstack.sim.optics.LinkOptics};
 * source in the middle: {@link org.qnetstack.sim.optics.MidpointSourceModel}; source at a node:
 * {@link org.qnetstack.sim.optics.SourceNodeModel}; the fixed-F, fixed-p link of other SDKs:
 * {@link org.qnetstack.sim.optics.GenericModel}. Fibre transmissivity and delay are in
 * {@link org.qnetstack.sim.device.DeviceParameters}.
 */
@NullMarked
package org.qnetstack.sim.optics;

import org.jspecify.annotations.NullMarked;
