package org.qnetstack.hal.qdevice;

/**
 * What a {@link QDeviceDriver} has seen of its device: frames received, and every kind of bad input it
 * refused (each counted and logged, never acted on).
 *
 * @param framesReceived every frame read, valid or not
 * @param malformed      not JSON, not UTF-8, or not a valid message
 * @param oversize       longer than the frame limit
 * @param unexpected     valid messages at the wrong moment
 * @param unknownIds     replies to ids never sent
 * @param duplicates     second replies to an id, or replies after the operation timed out
 * @param invalidReplies replies that did not fit their request (their operation failed with a protocol error)
 * @param invalidEvents  events that did not fit what the device was asked
 * @param timeouts       operations that did not complete in time
 * @param inFlight       operations sent and not yet completed, now
 */
public record QDeviceCounters(long framesReceived, long malformed, long oversize, long unexpected, long unknownIds,
                              long duplicates, long invalidReplies, long invalidEvents, long timeouts, int inFlight) {
    /** Every refusal, of every kind. */
    public long refused() {
        return malformed + oversize + unexpected + unknownIds + duplicates + invalidReplies + invalidEvents;
    }
}
