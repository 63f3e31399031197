/**
 * The qdevice wire protocol: its messages and a strict codec (one JSON object per line). Shared by the
 * driver and the emulator; a Java device can use it too. The format is documented in docs/qdevice-protocol.md.
 */
@NullMarked
package org.qnetstack.hal.qdevice.protocol;

import org.jspecify.annotations.NullMarked;
