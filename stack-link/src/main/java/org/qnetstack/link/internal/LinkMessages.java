package org.qnetstack.link.internal;

import org.qnetstack.link.CreateId;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;

/** The distributed queue's messages between the two ends of a link. */
final class LinkMessages {
    private LinkMessages() {
    }

    /** From the non-master end: please queue this request. */
    record AddRequest(String link, CreateId createId, int purposeId, RequestType type, int number, MeasureBasis basis,
                      double alpha, double goodness, long deadlineNanos) {
    }

    /**
     * From the master: this item is queued, to be served from {@code startSlot} until it has its pairs
     * or {@code deadlineSlot} comes (both ends give it up in that slot).
     */
    record Add(String link, long itemId, CreateId createId, int purposeId, RequestType type, int number,
               MeasureBasis basis, double alpha, double goodness, long startSlot, long deadlineSlot) {
    }
}
