/**
 * The device emulator: one process serving the simulated devices of several nodes over the qdevice
 * protocol, paced to the wall clock ({@link org.qnetstack.hal.qdevice.emulator.DeviceEmulator}, and
 * {@link org.qnetstack.hal.qdevice.emulator.EmulatorMain} as a command).
 */
@NullMarked
package org.qnetstack.hal.qdevice.emulator;

import org.jspecify.annotations.NullMarked;
