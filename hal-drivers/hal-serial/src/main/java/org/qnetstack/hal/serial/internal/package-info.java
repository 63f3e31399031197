/**
 * The serial driver's machinery. Not API.
 *
 * <ul>
 *   <li>The wire codec shared with the emulator: {@link org.qnetstack.hal.serial.internal.LineAssembler},
 *       {@link org.qnetstack.hal.serial.internal.StreamLine} (stream lines with their CRC and the
 *       watermark's running total), {@link org.qnetstack.hal.serial.internal.Scpi} (units, the error table).</li>
 *   <li>Trust: {@link org.qnetstack.hal.serial.internal.Request} decides when a reply, which carries no check
 *       of its own, is believed: reads are asked twice in one message and must agree, writes are read back
 *       and must match, verdicts must be exact. Read-back and doubled reading rather than a checksum added
 *       to replies, so that the protocol stays plain SCPI.
 *       {@link org.qnetstack.hal.serial.internal.CommandRunner} resends, bounded and counted.</li>
 *   <li>State: {@link org.qnetstack.hal.serial.internal.DeviceSettings} (verified values apart from the
 *       user's choices; only the latter are ever restored) and
 *       {@link org.qnetstack.hal.serial.internal.DeviceSession} (opening, recovery).</li>
 *   <li>Clicks: {@link org.qnetstack.hal.serial.internal.ClickBatcher} releases only confirmed batches and
 *       counts lost clicks exactly from the watermarks' totals;
 *       {@link org.qnetstack.hal.serial.internal.ClickStream} delivers them.</li>
 *   <li>Threads: {@link org.qnetstack.hal.serial.internal.SerialDevice} (command queue, worker loop),
 *       {@link org.qnetstack.hal.serial.internal.DeviceLine} (events, exchanges, resynchronisation),
 *       {@link org.qnetstack.hal.serial.internal.PortConnection} (the port and its reader thread).</li>
 * </ul>
 */
@NullMarked
package org.qnetstack.hal.serial.internal;

import org.jspecify.annotations.NullMarked;
