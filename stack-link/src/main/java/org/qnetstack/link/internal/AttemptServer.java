package org.qnetstack.link.internal;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.RequestType;
import org.qnetstack.physical.AttemptPlan;
import org.qnetstack.physical.AttemptSource;
import org.qnetstack.physical.HeraldedPair;

/**
 * What the heralding protocol asks of one link end: the item each slot serves, chosen by the {@link LinkScheduler}
 * from the queue both ends share (strict priority between classes, weighted round robin within one), and the
 * measurement axes of that item's attempts. Heralds go to the {@link PairAgreement}. A device that fails while
 * attempting ends its item (ERR CREATE); a keep request that finds no free communication qubit for a whole
 * no-resource period ends with ERR NORES. Also the expected service times the link service admits requests by.
 */
final class AttemptServer implements AttemptSource {
    /** Weighted round robin: keep-attempt periods per unit of weight in a block. */
    private static final long BLOCK_KEEP_PERIODS = 16;

    private final LinkContext ctx;
    private final DistributedQueue queue;
    private final PairAgreement agreement;
    private final LinkScheduler linkScheduler;
    private long noResourceNanos;
    private @Nullable TimerHandle noResourceTimer;

    AttemptServer(LinkContext ctx, DistributedQueue queue, PairAgreement agreement, long noResourceNanos) {
        this.ctx = ctx;
        this.queue = queue;
        this.agreement = agreement;
        this.noResourceNanos = noResourceNanos;
        this.linkScheduler = new LinkScheduler(BLOCK_KEEP_PERIODS * ctx.link.keepAttemptSlots());
    }

    void setNoResourceNanos(long nanos) {
        this.noResourceNanos = nanos;
    }

    /**
     * The expected time in ns to serve a new request behind the queue as it stands: the remaining pairs of
     * the items in higher classes, the share of those in its own class that weighted fair queueing serves
     * alongside it, and its own pairs, each at its expected time per pair.
     */
    long expectedServiceNanos(CreateRequest request, double alpha) {
        double own = request.number() * nanosPerPair(request.type(), alpha);
        double ahead = 0;
        for (QueueItem item : queue.open()) {
            double remaining = Math.max(0, item.add.number() - item.delivered) * nanosPerPair(item.request.type(),
                    item.add.alpha());
            int order = item.priority().compareTo(request.priority());
            if (order < 0) {
                ahead += remaining;
            } else if (order == 0) {
                ahead += Math.min(remaining, own * item.weight() / request.weight());
            }
        }
        double total = ctx.leadSlots() * (double) ctx.below().slotNanos() + ahead + own + ctx.link.heraldDelayNanos();
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /** The shortest time any pair can take from a CREATE: the queue's lead, one slot, the herald's flight. */
    long minimumPairNanos() {
        return (ctx.leadSlots() + 1) * ctx.below().slotNanos() + ctx.link.heraldDelayNanos();
    }

    private double nanosPerPair(RequestType type, double alpha) {
        long stride = type == RequestType.KEEP ? ctx.link.keepAttemptSlots() : 1;
        return stride * (double) ctx.below().slotNanos() / ctx.link.successProbability(alpha);
    }

    /** A saturated item waits for the decisions on its pairs in flight (they may complete it); others go on. */
    private @Nullable QueueItem servedItem(long slot) {
        var choice = linkScheduler.choose(queue.open(), slot);
        return choice == null ? null : choice.item();
    }

    @Override
    public long nextWorkSlot(long fromSlot) {
        return linkScheduler.nextWorkSlot(queue.open(), fromSlot); // −1: a decision or a new item wakes us
    }

    @Override
    public long servedUntil(long slot) {
        var choice = linkScheduler.choose(queue.open(), slot);
        return choice == null ? slot : choice.until();
    }

    @Override
    public void onAttemptFailed(long queueItem, RuntimeException failure) {
        QueueItem item = queue.item(queueItem);
        if (item == null || item.failed || !queue.isOpen(item)) {
            return;
        }
        item.failed = true;
        queue.endFromHere(item, LinkErrorCode.CREATE, "the device at " + ctx.node + " failed while attempting ("
                + failure + "); check the hardware, then ask again");
    }

    @Override
    public @Nullable AttemptPlan planFor(long slot) {
        QueueItem item = servedItem(slot);
        if (item == null) {
            return null;
        }
        LinkMessages.Add a = item.add;
        return new AttemptPlan(a.itemId(), a.alpha(), item.request.type() == RequestType.KEEP ? null
                : item.basisHere().pick(ctx.random));
    }

    @Override
    public MeasurementAxis axisFor(long queueItem) {
        QueueItem item = queue.item(queueItem);
        // Unknown item: whatever is measured is discarded.
        return item == null || item.request.type() == RequestType.KEEP ? MeasurementAxis.Z
                : item.basisHere().pick(ctx.random);
    }

    @Override
    public boolean moreWorkAfterOneMore(long queueItem) {
        for (QueueItem item : queue.open()) {
            if (item.add.itemId() != queueItem || item.delivered + item.undecided + 1 < item.add.number()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onNoCommunicationQubit() {
        QueueItem item = servedItem(ctx.below().currentSlot());
        if (noResourceTimer != null || item == null || item.request.type() != RequestType.KEEP) {
            return;
        }
        long attempts = ctx.below().attempts();
        noResourceTimer = ctx.scheduler.schedule(noResourceNanos, () -> {
            noResourceTimer = null;
            if (ctx.closed || freeCommunicationQubit() || !queue.isOpen(item)) {
                return;
            }
            if (ctx.below().attempts() != attempts) {
                // Attempts were made meanwhile, but the qubits are taken again: watch the next period.
                onNoCommunicationQubit();
                return;
            }
            // No attempt for a whole period and still no communication qubit: memory has stayed full.
            queue.endFromHere(item, LinkErrorCode.NORES, String.format("no free communication qubit at %s for %.3f s: "
                    + "the pairs already delivered hold them; release qubits sooner or ask for fewer pairs at a time",
                    ctx.node, noResourceNanos / 1e9));
        });
    }

    private boolean freeCommunicationQubit() {
        for (int q = 0; q < ctx.memory.capacity(); q++) {
            if (!ctx.memory.isAllocated(q) && ctx.memory.isCommunication(q)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onHerald(HeraldedPair pair) {
        agreement.onHerald(pair);
    }

    @Override
    public void onHeraldsLost(long fromSeq, long toSeq) {
        agreement.onHeraldsLost(fromSeq, toSeq);
    }

    /** Stops watching for full memory (the peer is gone, or the link closes). */
    void cancelNoResourceWatch() {
        if (noResourceTimer != null) {
            noResourceTimer.cancel();
            noResourceTimer = null;
        }
    }
}
