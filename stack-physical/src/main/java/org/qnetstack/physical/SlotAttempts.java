package org.qnetstack.physical;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TimerHandle;

/**
 * Step-by-step attempts, for devices that attempt one at a time: in each slot the link layer plans, it
 * initialises a communication qubit, emits and tells the station which queue item it attempted for (GEN).
 * A measure-directly attempt is read out at the next slot; a kept one holds its qubit until the station's
 * reply and blocks further attempts until then, is made only in the slots of a lattice spaced by the
 * reply's round trip (the same at both ends), and is released if its reply has not come when due.
 *
 * <p>Messages out: GEN. Timers: the overdue reply of a kept attempt (the slot ticks are {@link HeraldingNode}'s).
 * Replies in: matched to attempts by slot and queue item, after {@link HeraldIntake} checked their sequence.
 */
final class SlotAttempts {
    private final HeraldingNode h;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private @Nullable Pending measureDue;

    private static final class Pending {
        final long slot;
        final long queueItem;
        final int qubit;
        final @Nullable MeasurementAxis axis;
        int outcome = -1;
        boolean qubitHeld = true;
        @Nullable TimerHandle overdue;

        Pending(long slot, long queueItem, int qubit, @Nullable MeasurementAxis axis) {
            this.slot = slot;
            this.queueItem = queueItem;
            this.qubit = qubit;
            this.axis = axis;
        }
    }

    SlotAttempts(HeraldingNode h) {
        this.h = h;
    }

    /** Gives up every attempt in flight, freeing its qubit. */
    void releaseAll() {
        while (!pending.isEmpty()) {
            release(pending.poll());
        }
        measureDue = null;
    }

    /** The slot has come: read out the last measure-directly attempt, then attempt if the plan says so. */
    void onTick(long slot) {
        if (measureDue != null) {
            measure(measureDue);
        }
        AttemptPlan plan = slot >= h.keepBlockedUntil ? h.source.planFor(slot) : null;
        if (plan != null && plan.keep() && slot % h.keepWaitSlots != 0) {
            // Kept attempts use one lattice of slots at both ends, as runs do: an end that had to skip a
            // slot (its qubit still waiting for a lost reply) falls back into step with the other.
            h.scheduleTick(slot + h.keepWaitSlots - slot % h.keepWaitSlots);
            return;
        }
        if (plan != null) {
            attempt(slot, plan);
        }
        if (plan != null || measureDue != null) {
            h.scheduleTick(Math.max(slot + 1, h.keepBlockedUntil));
        } else {
            h.scheduleNextWork(slot + 1);
        }
    }

    private void attempt(long slot, AttemptPlan plan) {
        if (!h.photonic.takeSlot(h, slot)) {
            return; // another link of this node emits in this slot
        }
        int q = h.memory.tryAllocate(QubitRole.COMMUNICATION);
        if (q < 0) {
            h.source.onNoCommunicationQubit();
            return; // the communication qubit still holds a pair: skip this slot
        }
        try {
            h.device.initialize(q);
            h.device.emit(q, h.link.name(), slot, plan.alpha());
        } catch (RuntimeException failure) {
            h.deviceFailed(q, plan.queueItem(), failure);
            return;
        }
        h.stats.attempts++;
        h.sendToStation(new HeraldingMessages.Gen(h.link.name(), slot, plan.queueItem(), h.node));
        Pending p = new Pending(slot, plan.queueItem(), q, plan.axis());
        pending.add(p);
        if (plan.keep()) {
            h.keepBlockedUntil = slot + h.keepWaitSlots;
            // The reply is due before the next keep slot; one that has not come by then was lost (or is
            // so late that it will match nothing): free the qubit rather than hold it for ever.
            p.overdue = h.scheduler.scheduleAt(h.keepBlockedUntil * h.slotNanos, () -> {
                if (pending.remove(p)) {
                    h.stats.overdueReplies++;
                    release(p);
                }
            });
        } else {
            measureDue = p;
        }
    }

    private void measure(Pending p) {
        p.outcome = h.device.measure(p.qubit, p.axis).outcome();
        p.qubitHeld = false;
        h.memory.free(p.qubit);
        if (measureDue == p) {
            measureDue = null;
        }
    }

    private void release(Pending p) {
        if (p.overdue != null) {
            p.overdue.cancel();
        }
        if (p.qubitHeld) {
            p.qubitHeld = false;
            h.device.discard(p.qubit);
            h.memory.free(p.qubit);
        }
        if (measureDue == p) {
            measureDue = null;
        }
    }

    /**
     * A reply in sequence: attempts before its slot lost theirs; it hands up the attempt of its slot if the
     * station heralded a pair for this end's queue item there.
     */
    void onReply(HeraldingMessages.Reply r) {
        while (!pending.isEmpty() && pending.peek().slot < r.slot()) {
            h.stats.lostReplies++;
            release(pending.poll());
        }
        Pending p = pending.peek();
        if (p == null || p.slot != r.slot()) {
            h.stats.rejectedReplies++;
            HeraldingNode.LOG.atDebug().log(() -> h.node + ": herald for slot " + r.slot() + " matches no attempt on "
                    + h.link.name());
            h.intake.rejectHerald(r);
            return;
        }
        pending.poll();
        long mine = h.isA ? r.queueItemA() : r.queueItemB();
        if (mine != p.queueItem || !r.outcome().success()) {
            if (mine != p.queueItem) {
                h.stats.rejectedReplies++;
                h.intake.rejectHerald(r);
            }
            release(p);
            return;
        }
        if (p.overdue != null) {
            p.overdue.cancel();
        }
        if (p.axis != null && p.outcome < 0) {
            measure(p);
        }
        h.stats.heralds++;
        if (p.axis == null) {
            h.intake.deliverKept(r, p.queueItem, p.qubit);
        } else {
            h.source.onHerald(new HeraldedPair(h.link.name(), r.slot(), r.seq(), p.queueItem, r.outcome().bellIndex(),
                    -1, p.axis, p.outcome, h.scheduler.clock().nanos()));
        }
    }
}
