/**
 * An emulator of the serial detector controller, for tests, demos and simulated networks: it answers the
 * driver's protocol on a TCP port or a serial line, streams clicks from a {@link
 * org.qnetstack.hal.serial.emulator.ClickSource}, and misbehaves on demand ({@link
 * org.qnetstack.hal.serial.emulator.EmulatorFaults}, including a seeded noisy line, {@link
 * org.qnetstack.hal.serial.emulator.LineNoise}). {@link org.qnetstack.hal.serial.emulator.EmulatedDevice}
 * puts it behind a real pseudo-terminal.
 */
@NullMarked
package org.qnetstack.hal.serial.emulator;

import org.jspecify.annotations.NullMarked;
