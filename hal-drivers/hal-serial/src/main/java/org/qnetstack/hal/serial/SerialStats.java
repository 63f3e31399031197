package org.qnetstack.hal.serial;

/**
 * What the driver has seen go wrong on its line since it was opened, and what it delivered. Faults are
 * counted rather than thrown when the driver can carry on; these counts are how an operator (or a test)
 * sees them.
 *
 * @param deliveredClicks  clicks released to subscribers
 * @param droppedBatches   batches of clicks withheld because something about them was in doubt
 * @param droppedClicks    clicks the device sent that were not delivered, counted exactly from the
 *                         watermarks' running totals: those of withheld batches, lines lost on the way,
 *                         and clicks streamed while the connection was down; of clicks a device forgot by
 *                         restarting, those that arrived
 * @param garbageLines     lines with bytes that are not printable ASCII, over-long lines and unfinished
 *                         lines (noise), thrown away
 * @param corruptLines     stream lines ({@code #...}) with a bad CRC or form
 * @param strayLines       well-formed lines that arrived when no reply was awaited, or were stale replies
 * @param unexpectedReplies replies not believed: garbled, of the wrong shape, readings that disagree,
 *                         read-backs that differ
 * @param timeouts         replies that did not come in time
 * @param retries          messages resent after a timeout, a reply not believed, a garbled command or a
 *                         rejection to confirm
 * @param reconnects       successful recoveries after the device was lost or restarted
 * @param deviceRestarts   restart notices ({@code #R}) received
 */
public record SerialStats(long deliveredClicks, long droppedBatches, long droppedClicks, long garbageLines,
                          long corruptLines, long strayLines, long unexpectedReplies, long timeouts, long retries,
                          long reconnects, long deviceRestarts) {
}
