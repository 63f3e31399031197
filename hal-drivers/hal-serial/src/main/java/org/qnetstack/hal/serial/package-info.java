/**
 * A driver for a detector/timing controller attached by a serial line, selected by a URI such as
 * {@code serial:/dev/ttyUSB0?baud=115200}. It speaks the SCPI-style protocol described in the module's
 * README, surfaces the device's rejections and lost links as typed exceptions, and delivers clicks only
 * once the device has vouched for them.
 */
@NullMarked
package org.qnetstack.hal.serial;

import org.jspecify.annotations.NullMarked;
