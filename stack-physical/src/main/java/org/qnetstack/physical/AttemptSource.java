package org.qnetstack.physical;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.MeasurementAxis;

/**
 * The link layer's side of the heralding protocol: it decides each slot whether to attempt and
 * receives what the station heralds. Called on the node's event loop.
 */
public interface AttemptSource {
    /**
     * The first slot at or after {@code fromSlot} in which this source may want to attempt, or −1 if
     * it has no work; the protocol sleeps until then.
     */
    long nextWorkSlot(long fromSlot);

    /** The plan for this slot, or null to stay idle. */
    @Nullable AttemptPlan planFor(long slot);

    /**
     * The axis to measure a measure-directly attempt for the queue item along, drawn when the device
     * needs it (devices that attempt by themselves ask only for the slots that succeeded).
     */
    MeasurementAxis axisFor(long queueItem);

    /**
     * The last slot from {@code slot} on in which, if nothing changes meanwhile, the plan still serves the
     * same queue item as in {@code slot}; {@link Long#MAX_VALUE} if it has no planned end. A device that
     * attempts by itself is stopped after that slot, so that both ends change items in the same slot.
     */
    default long servedUntil(long slot) {
        return Long.MAX_VALUE;
    }

    /**
     * The device failed while attempting for the queue item (it threw): the attempt's qubit has been
     * released, and the protocol goes on with whatever is planned next.
     */
    default void onAttemptFailed(long queueItem, RuntimeException failure) {
    }

    /** Whether attempts remain on the link once one more pair of this queue item has been delivered. */
    boolean moreWorkAfterOneMore(long queueItem);

    /** A pair was heralded. For a kept pair the qubit now belongs to the link layer. */
    void onHerald(HeraldedPair pair);

    /**
     * Station sequence numbers {@code fromSeq..toSeq} never arrived, or heralded a pair this end
     * rejected: this end will never hand up a pair with those numbers, so the other end must not
     * deliver its half either.
     */
    void onHeraldsLost(long fromSeq, long toSeq);

    /**
     * This end wanted to attempt but no communication qubit was free (they all hold pairs). Called at
     * most once per slot; lets the link layer notice when memory stays full (NORES).
     */
    default void onNoCommunicationQubit() {
    }
}
