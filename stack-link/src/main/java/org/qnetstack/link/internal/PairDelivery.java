package org.qnetstack.link.internal;

import java.util.List;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkPair;
import org.qnetstack.physical.HeraldedPair;

/**
 * What becomes of each decided pair at one link end, in station sequence order: handed up (an atomic request's
 * held back until the last one is made), released with ERR EXPIRE, released silently, or measured as a test
 * round. Counts each fate.
 */
final class PairDelivery {
    private final LinkContext ctx;
    private final DistributedQueue queue;
    private final TestRoundEngine tests;
    private long expired;
    private long discarded;
    private long tested;

    PairDelivery(LinkContext ctx, DistributedQueue queue, TestRoundEngine tests) {
        this.ctx = ctx;
        this.queue = queue;
        this.tests = tests;
    }

    /** Pairs given up with EXPIRE at this end. */
    long expired() {
        return expired;
    }

    /** Pairs released silently (their request had its pairs or had ended). */
    long discarded() {
        return discarded;
    }

    /** Pairs sacrificed as test rounds at this end. */
    long tested() {
        return tested;
    }

    void handUpOrRelease(HeldPair h) {
        HeraldedPair pair = h.pair;
        QueueItem item = h.item;
        LinkMessages.Add a = item.add;
        item.unsettled--;
        switch (h.verdict) {
            case DELIVER -> {
                EntanglementId id = new EntanglementId(a.createId().node(),
                        a.createId().node().equals(ctx.node) ? ctx.peer : ctx.node, pair.stationSeq());
                LinkPair ok = new LinkPair(a.createId(), id, a.purposeId(), ctx.peer, item.request.type(),
                        pair.bellIndex(), h.goodness, pair.heraldTime(), pair.qubit(), pair.axis(), pair.outcome());
                if (item.request.atomic()) {
                    item.atomicBuffer.add(ok);
                    if (item.atomicBuffer.size() == a.number()) {
                        List<LinkPair> all = List.copyOf(item.atomicBuffer);
                        item.atomicBuffer.clear();
                        all.forEach(p -> handUp(item, p));
                    }
                } else {
                    handUp(item, ok);
                }
            }
            case EXPIRE -> {
                expired++;
                ctx.releaseQubit(pair.qubit());
                ctx.up.deliverError(new LinkError(a.createId(), a.purposeId(), LinkErrorCode.EXPIRE, "the pair of "
                        + "herald " + pair.stationSeq() + " on " + ctx.linkName + " was not held at both ends (a "
                        + "classical message was lost or late) and was released at both; the request goes on",
                        pair.stationSeq(), pair.stationSeq()));
            }
            case DISCARD -> {
                discarded++;
                ctx.releaseQubit(pair.qubit());
            }
            case TEST -> {
                tested++;
                if (pair.qubit() >= 0) {
                    int outcome = ctx.operations.measure(pair.qubit(), h.testBasis);
                    ctx.releaseQubit(pair.qubit());
                    tests.measuredHere(pair.stationSeq(), a.alpha(), pair.bellIndex(), h.testBasis, outcome);
                }
            }
            default -> throw new IllegalStateException("undecided pair handed up");
        }
        queue.reportEndIfSettled(item); // and queues its record to be forgotten once the request is over
    }

    /** Hands a delivered pair to the upper layer; a listener that throws ends the request (OTHER). */
    private void handUp(QueueItem item, LinkPair ok) {
        switch (ctx.up.deliver(ok)) {
            case TAKEN -> {
            }
            case NO_LISTENER -> ctx.releaseQubit(ok.qubit());
            case FAILED -> {
                ctx.releaseQubit(ok.qubit());
                String reason = "the listener for purpose " + ok.purposeId() + " at " + ctx.node + " threw on pair "
                        + ok.entanglementId() + "; its qubit was released and the request ended";
                if (ctx.master) {
                    queue.endItem(item, LinkErrorCode.OTHER, reason);
                } else if (!item.failed) {
                    item.failed = true;
                    queue.endFromHere(item, LinkErrorCode.OTHER, reason);
                }
            }
            default -> throw new IllegalStateException();
        }
    }
}
