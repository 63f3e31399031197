package org.qnetstack.physical;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.AttemptRun;
import org.qnetstack.hal.AttemptRunSpec;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.messaging.Retransmitter;

/**
 * Attempts by the device itself ({@link org.qnetstack.hal.QuantumDevice#supportsAttemptRuns()}): one run per
 * queue item (every slot for measure-directly; for keep, every slot of a lattice spaced by the herald's round
 * trip, the same at both ends), announced to the station (GEN-RUN) and stopped where the plan moves on
 * (GEN-STOP, resent until acknowledged). A run the station has not acknowledged within a round trip is
 * stopped and started afresh under a new number (its announcement was lost, so the station would ignore its
 * heralds). A keep run's device stops by itself at its first success, so a reply for one of its slots that
 * hands this end no pair stops the run here too, and it starts again.
 *
 * <p>Messages out: GEN-RUN, GEN-STOP; in: RUN-ACK, and replies after {@link HeraldIntake} checked their
 * sequence. Timers: the acknowledgement deadline, the plan's boundary, GEN-STOP resends.
 */
final class AttemptRuns {
    private final HeraldingNode h;
    private @Nullable ActiveRun run;
    private long nextRunId = 1;
    /** Sends run stops until the station acknowledges them. */
    final Retransmitter control;

    /** The device's run for one queue item, as this end knows it. */
    private static final class ActiveRun {
        final AttemptRun run;
        final long runId;
        final long queueItem;
        final int qubit;
        final long first;
        final int stride;
        final boolean keep;
        boolean acknowledged;
        @Nullable TimerHandle boundary;

        ActiveRun(AttemptRun run, long runId, long queueItem, int qubit, long first, int stride, boolean keep) {
            this.run = run;
            this.runId = runId;
            this.queueItem = queueItem;
            this.qubit = qubit;
            this.first = first;
            this.stride = stride;
            this.keep = keep;
        }

        boolean covers(long slot) {
            return slot >= first && (slot - first) % stride == 0;
        }
    }

    AttemptRuns(HeraldingNode h, Retransmitter control) {
        this.h = h;
        this.control = control;
    }

    boolean idle() {
        return run == null;
    }

    /** Attempts made so far by the current run (its slots up to now), 0 without one. */
    long attemptsSoFar() {
        ActiveRun r = run;
        return r == null ? 0 : attemptsIn(r, h.currentSlot() + 1);
    }

    /** The plan changed: a run for an item that is no longer the plan stops. */
    void reconsider() {
        ActiveRun current = run;
        if (current != null) {
            AttemptPlan plan = h.source.planFor(h.currentSlot() + 1);
            if (plan == null || plan.queueItem() != current.queueItem) {
                endRun();
            }
        }
    }

    /** The slot has come: start a run for what is planned, unless one is running. */
    void start(long slot) {
        if (run != null) {
            return;
        }
        AttemptPlan plan = h.source.planFor(slot);
        if (plan == null) {
            h.scheduleNextWork(slot + 1);
            return;
        }
        int stride = plan.keep() ? (int) h.keepWaitSlots : 1;
        if (slot % stride != 0) {
            h.scheduleTick(slot + stride - slot % stride); // keep runs use one lattice at both ends
            return;
        }
        if (!h.photonic.acquireOrWait(h, h::wake)) {
            return; // another link of this node is attempting: its release wakes us
        }
        int q = h.memory.tryAllocate(QubitRole.COMMUNICATION);
        if (q < 0) {
            h.photonic.release(h);
            h.source.onNoCommunicationQubit();
            return; // the communication qubit still holds a pair: its release wakes us
        }
        long item = plan.queueItem();
        AttemptRun started;
        try {
            started = h.device.startAttempts(new AttemptRunSpec(q, h.link.name(), slot, stride, plan.alpha(),
                    plan.keep() ? null : s -> h.source.axisFor(item)));
        } catch (RuntimeException failure) {
            h.photonic.release(h);
            // Not again in this slot: freeing the qubit wakes the protocol, which would retry at once.
            h.keepBlockedUntil = Math.max(h.keepBlockedUntil, slot + 1);
            h.deviceFailed(q, item, failure);
            h.scheduleNextWork(slot + 1);
            return;
        }
        ActiveRun r = new ActiveRun(started, nextRunId++, item, q, slot, stride, plan.keep());
        run = r;
        armBoundary(r, slot);
        h.sendToStation(new HeraldingMessages.GenRun(h.link.name(), r.runId, slot, stride, item, h.node));
        // Not resent: if the announcement is lost the station ignores this run's clicks, so the run itself
        // starts again, from a later slot, under a new number.
        h.scheduler.schedule(control.rtoNanos(), () -> {
            if (run == r && !r.acknowledged) {
                HeraldingNode.LOG.atDebug().log(() -> h.node + ": station did not acknowledge run " + r.runId + " on "
                        + h.link.name());
                restartRun();
            }
        });
    }

    /**
     * Stops the run where the plan moves to another item (weighted sharing of the link between items), in
     * the middle of the last slot it serves, so that the next run starts in the following slot.
     */
    private void armBoundary(ActiveRun r, long fromSlot) {
        long until = h.source.servedUntil(fromSlot);
        if (until == Long.MAX_VALUE) {
            return;
        }
        r.boundary = h.scheduler.scheduleAt(until * h.slotNanos + h.slotNanos / 2, () -> {
            r.boundary = null;
            if (run == r) {
                h.reconsider();
                if (run == r) {
                    armBoundary(r, h.currentSlot() + 1); // the plan changed meanwhile: the run goes on
                }
            }
        });
    }

    void onRunAck(HeraldingMessages.RunAck a) {
        if (a.stop()) {
            control.acknowledge(a.runId());
        } else if (run != null && run.runId == a.runId()) {
            run.acknowledged = true;
        }
    }

    /** Stops the current run and lets the next tick start a new one for whatever is planned then. */
    private void restartRun() {
        h.stats.restartedRuns++;
        endRun();
        h.wake();
    }

    /** The run's attempts in the slots before {@code endSlot}. */
    private static long attemptsIn(ActiveRun r, long endSlot) {
        return endSlot <= r.first ? 0 : (endSlot - r.first + r.stride - 1) / r.stride;
    }

    /** Stops the current run from the next slot on and gives its qubit back (unless it holds a pair). */
    void endRun() {
        ActiveRun r = run;
        if (r == null) {
            return;
        }
        run = null;
        if (r.boundary != null) {
            r.boundary.cancel();
        }
        h.photonic.release(h);
        long stopSlot = h.currentSlot() + 1;
        h.stats.attempts += attemptsIn(r, stopSlot);
        r.run.stopAt(stopSlot);
        HeraldingMessages.GenStop stop = new HeraldingMessages.GenStop(h.link.name(), r.runId, stopSlot, h.node);
        control.send(r.runId, HeraldingStation.REPLY_GIVE_UP_NANOS, () -> h.sendToStation(stop),
                () -> HeraldingNode.LOG.atWarn().log(() -> h.node + ": station never acknowledged the stop of run "
                        + r.runId));
        h.device.discard(r.qubit);
        h.memory.free(r.qubit);
    }

    /** A reply in sequence: a herald for a slot of the current run and this end's item is handed up. */
    void onReply(HeraldingMessages.Reply r) {
        ActiveRun current = run;
        long mine = h.isA ? r.queueItemA() : r.queueItemB();
        if (current == null || !current.covers(r.slot()) || mine != current.queueItem || !r.outcome().success()) {
            h.stats.rejectedReplies++;
            HeraldingNode.LOG.atDebug().log(() -> h.node + ": herald for slot " + r.slot() + " matches no run on "
                    + h.link.name());
            h.intake.rejectHerald(r);
            return;
        }
        h.stats.heralds++;
        if (current.keep) {
            run = null; // the run stopped at its success; the qubit now holds the pair and goes up
            h.photonic.release(h);
            h.stats.attempts += attemptsIn(current, r.slot() + 1);
            h.keepBlockedUntil = r.slot() + current.stride;
            h.intake.deliverKept(r, current.queueItem, current.qubit);
            h.wake();
            return;
        }
        AttemptRun.SlotMeasurement m = current.run.measurement(r.slot());
        h.source.onHerald(new HeraldedPair(h.link.name(), r.slot(), r.seq(), current.queueItem,
                r.outcome().bellIndex(), -1, m.axis(), m.outcome(), h.scheduler.clock().nanos()));
        AttemptPlan next = h.source.planFor(h.currentSlot() + 1);
        if (next == null || next.queueItem() != current.queueItem) {
            endRun();
            h.wake();
        }
    }

    /** A reply this end did not take: if it concerns a slot of the current keep run, the device stopped on it. */
    void onRejected(HeraldingMessages.Reply r) {
        ActiveRun current = run;
        if (current != null && current.keep && current.covers(r.slot())) {
            restartRun();
        }
    }
}
