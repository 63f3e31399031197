/**
 * The serial driver's machinery: the wire codec shared with the emulator (lines, CRC, SCPI units), the
 * click batcher that releases only confirmed clicks, and the per-device worker that owns the port. Not API.
 */
@NullMarked
package org.qnetstack.hal.serial.internal;

import org.jspecify.annotations.NullMarked;
