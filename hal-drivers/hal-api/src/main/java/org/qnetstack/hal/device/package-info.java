/**
 * The quantum device as a hardware team implements it: operations that complete later with their real
 * duration ({@link org.qnetstack.hal.device.AsyncQuantumDevice}), declared capabilities, asynchronous
 * herald events, and typed errors ({@link org.qnetstack.hal.device.DeviceException} and its subclasses).
 * {@link org.qnetstack.hal.device.SynchronousDeviceAdapter} lets any synchronous
 * {@link org.qnetstack.hal.QuantumDevice} (the simulator's) serve this contract.
 */
@NullMarked
package org.qnetstack.hal.device;

import org.jspecify.annotations.NullMarked;
