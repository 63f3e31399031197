/**
 * Device models of the simulator as data: presets shipped as resources ({@code ideal}, {@code nv-2019-lab},
 * {@code nv-2022}, {@code ion-2022}, {@code generic}) and the checked parameters a configuration may
 * override field by field, with the memory-noise helpers that depend on them (exponential or Gaussian
 * dephasing applied by age, per-attempt dephasing of stored qubits compounded over skipped attempts).
 */
@NullMarked
package org.qnetstack.sim.device;

import org.jspecify.annotations.NullMarked;
