/**
 * The {@code qdevice:tcp://host:port?node=NAME} driver of the asynchronous device contract
 * ({@link org.qnetstack.hal.device.AsyncQuantumDevice}), found by URI through
 * {@link org.qnetstack.hal.Drivers#openQuantumDevice}. The wire protocol is documented in
 * docs/qdevice-protocol.md.
 */
@NullMarked
package org.qnetstack.hal.qdevice;

import org.jspecify.annotations.NullMarked;
