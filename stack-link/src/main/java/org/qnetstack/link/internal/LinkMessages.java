package org.qnetstack.link.internal;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkErrorCode;

/**
 * The messages between the two ends of a link: the distributed queue (add, end) and the agreement on
 * each heralded pair (hold, decision). Every message that must arrive is sent again until its answer
 * comes, and every one names what it is about (create id, item id, station sequence number), so that
 * copies and stragglers are recognised and change nothing.
 */
final class LinkMessages {
    private LinkMessages() {
    }

    /** From the non-master end: please queue this request. Answered by {@link Add} (or {@link End}). */
    record AddRequest(String link, CreateId createId, CreateRequest request, double alpha, double goodness,
                      long deadlineNanos) {
    }

    /**
     * From the master: this item is queued, to be served from {@code startSlot} until it has its pairs
     * or {@code deadlineSlot} comes (both ends give it up in that slot). Answered by {@link AddAck}.
     */
    record Add(String link, long itemId, CreateId createId, CreateRequest request, double alpha, double goodness,
               long startSlot, long deadlineSlot) {
        int purposeId() {
            return request.purposeId();
        }

        int number() {
            return request.number();
        }
    }

    /** From the non-master end: the item is known here. */
    record AddAck(String link, long itemId) {
    }

    /**
     * From the non-master end: I hold my half of the pair of this herald, for this item. Answered by
     * {@link Decision}. {@code undecidedFrom}: every lower sequence number is settled here, so the
     * master may forget its decisions about them. For a measure-directly pair, the axis and outcome of this
     * end, which the master uses if it makes the pair a test round.
     */
    record Hold(String link, long seq, long itemId, long undecidedFrom, @Nullable MeasurementAxis axis,
                int outcome) {
    }

    /** From the non-master end, not resent: this end will never hold pairs with these numbers. */
    record NotHeld(String link, long fromSeq, long toSeq) {
    }

    /**
     * From the master: the fate of the pair of a herald, final. For a kept pair made a test round, the basis
     * both ends measure it in; for a delivered pair, the goodness both ends report.
     */
    record Decision(String link, long seq, Verdict verdict, @Nullable Basis testBasis, double goodness) {
    }

    /** From the non-master end, not resent: its outcome of a kept test pair (a lost one costs one sample). */
    record TestOutcome(String link, long seq, int outcome) {
    }

    /** What becomes of a heralded pair held at either end. */
    enum Verdict {
        /** Both ends hold it and its request wants it: hand it up. */
        DELIVER,
        /** Not held at both ends: release it, and report ERR EXPIRE at the end that held it. */
        EXPIRE,
        /** Held at both ends but its request has its pairs, or has ended: release it silently. */
        DISCARD,
        /** Held at both ends and sacrificed as a test round: measure it (keep) and release it, silently. */
        TEST
    }

    /** From the non-master end: please end this request (cancelled, or no memory here). Answered by {@link End}. */
    record EndRequest(String link, CreateId createId, int purposeId, LinkErrorCode code, String reason) {
    }

    /**
     * From the master: the request has ended with this code at both ends (null: it had already
     * completed, nothing to report). Answered by {@link EndAck}.
     */
    record End(String link, CreateId createId, int purposeId, @Nullable LinkErrorCode code, String reason) {
    }

    /** From the non-master end: the end of the request is known here. */
    record EndAck(String link, CreateId createId) {
    }
}
