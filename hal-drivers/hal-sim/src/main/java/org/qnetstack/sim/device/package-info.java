/**
 * Device models of the simulator as data: presets shipped as resources ({@code ideal}, {@code nv-2022})
 * and the checked parameters a configuration may override field by field.
 */
@NullMarked
package org.qnetstack.sim.device;

import org.jspecify.annotations.NullMarked;
