package org.qnetstack.physical;

import java.util.ArrayDeque;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.AttemptRun;
import org.qnetstack.hal.AttemptRunSpec;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;

/**
 * One end of the midpoint heralding protocol on a link.
 *
 * <p>Step by step (devices that attempt one at a time): each slot it asks the link layer for a plan;
 * to attempt, it initialises a communication qubit, emits, and tells the station which queue item it
 * attempted for. Measure-directly attempts are read out at the next slot; kept attempts hold the qubit
 * until the station's reply and block further attempts until then, and are made only in the slots of
 * a lattice spaced by the reply's round trip, the same at both ends.
 *
 * <p>Replies are matched to attempts by slot and queue item. A reply for no known attempt, a
 * repeated or old sequence number, or a mismatched queue item is rejected and counted; a jump in the
 * station's sequence numbers reports the lost heralds upward, and so does a herald this end rejects
 * (the other end may hold its half). Nothing is handed up that the station did not herald for exactly
 * this attempt. Classical messages may be lost or late: a kept attempt whose reply has not come by the
 * time it was due is released (a late reply then matches nothing), so a lost reply never holds the
 * communication qubit for ever.
 *
 * <p>With a device that attempts by itself ({@link QuantumDevice#supportsAttemptRuns()}), the node
 * starts one run per queue item (every slot for measure-directly; for keep, every slot of a lattice
 * spaced by the herald's round trip, the same at both ends), tells the station, and hears back only
 * about single clicks; their sequence numbers still expose lost ones. Each run has a number; a run the
 * station has not acknowledged within a round trip is stopped and started afresh under a new number
 * (its announcement was lost, so the station would ignore its heralds), and a stop is sent again until
 * acknowledged. Run-mode replies are acknowledged to the station, which resends them until they are.
 * A keep run's device stops by itself at its first success, so any reply for a slot of a keep run that
 * does not hand this end a pair (no partner, mismatch, or a herald that came too late) stops the run
 * here too, and it starts again: otherwise it would wait for a herald that will never come.
 */
public final class HeraldingNode {
    private static final Logger LOG = Logger.getLogger(HeraldingNode.class.getName());

    private final String node;
    private final HeraldedLink link;
    private final QuantumDevice device;
    private final QubitMemory memory;
    private final Scheduler scheduler;
    private final ClassicalNetwork network;
    private final AttemptSource source;
    private final String station;
    private final String stationProtocol;
    private final boolean isA;
    private final long slotNanos;
    private final long keepWaitSlots;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private @Nullable Pending measureDue;
    private @Nullable TimerHandle tick;
    private long nextTickSlot = -1;
    private long keepBlockedUntil;
    private long lastSeq;
    /** The last sequence number taken in before the reply being handled (to report each loss once). */
    private long lastSeqBefore;
    private boolean running;
    private final Stats stats = new Stats();
    private final boolean runs;
    private @Nullable ActiveRun run;
    private long nextRunId = 1;
    /** Sends run stops until the station acknowledges them. */
    private final Retransmitter control;
    /** Heralds whose pair is moving to storage, not yet handed up, by station sequence number. */
    private final java.util.TreeMap<Long, Move> moving = new java.util.TreeMap<>();

    /** A kept pair moving from its communication qubit to a storage qubit. */
    private record Move(int from, int to, TimerHandle done) {
    }

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

    /** Counters of what happened on this end. */
    public final class Stats {
        long attempts;
        long heralds;
        long rejectedReplies;
        long lostReplies;
        long lostHeralds;
        long moves;
        long overdueReplies;
        long restartedRuns;
        long deviceFailures;

        /** Kept pairs moved from a communication qubit to storage. */
        public long moves() {
            return moves;
        }

        /** Attempts made so far, those of a device's current run included. */
        public long attempts() {
            ActiveRun r = run;
            return r == null ? attempts : attempts + attemptsIn(r, currentSlot() + 1);
        }

        public long heralds() {
            return heralds;
        }

        public long rejectedReplies() {
            return rejectedReplies;
        }

        public long lostReplies() {
            return lostReplies;
        }

        public long lostHeralds() {
            return lostHeralds;
        }

        /** Kept attempts released because the station's reply had not come when it was due. */
        public long overdueReplies() {
            return overdueReplies;
        }

        /** Runs stopped and started again (announcement unacknowledged, or a keep run's device stopped unheralded). */
        public long restartedRuns() {
            return restartedRuns;
        }

        /** Attempts the device failed to make (it threw). */
        public long deviceFailures() {
            return deviceFailures;
        }

        /** Run stops sent again because the station had not acknowledged them. */
        public long controlRetransmissions() {
            return control.retransmissions();
        }
    }

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

    private final PhotonicInterface photonic;

    /** A heralding end on a node with a single link (its optical interface is its own). */
    public HeraldingNode(String node, HeraldedLink link, QuantumDevice device, QubitMemory memory, Scheduler scheduler,
                         ClassicalNetwork network, AttemptSource source) {
        this(node, link, device, memory, scheduler, network, source, new PhotonicInterface());
    }

    /** A heralding end sharing the node's optical interface with its other links. */
    public HeraldingNode(String node, HeraldedLink link, QuantumDevice device, QubitMemory memory, Scheduler scheduler,
                         ClassicalNetwork network, AttemptSource source, PhotonicInterface photonic) {
        this.photonic = photonic;
        this.node = node;
        this.link = link;
        this.device = device;
        this.memory = memory;
        this.scheduler = scheduler;
        this.network = network;
        this.source = source;
        this.station = link.spec().station().name();
        this.stationProtocol = HeraldingStation.protocolFor(link.name());
        this.isA = link.spec().nodeA().equals(node);
        if (!isA && !link.spec().nodeB().equals(node)) {
            throw new IllegalArgumentException(node + " is not an end of link " + link.name());
        }
        this.slotNanos = link.slotNanos();
        this.keepWaitSlots = keepAttemptSlots(link);
        this.runs = device.supportsAttemptRuns();
        this.control = new Retransmitter(scheduler, controlRtoNanos(link), 16);
        memory.onFree(q -> {
            if (runs && run == null) {
                wake();
            }
        });
    }

    /**
     * Slots from one keep attempt to the next on the link: a kept attempt waits for the station's reply
     * (herald delay, reply flight, coincidence window) before the qubit can try again. Both ends compute
     * the same, so they attempt in the same slots.
     */
    public static long keepAttemptSlots(HeraldedLink link) {
        long replyAfter = link.heraldDelayNanos() + maxDelayToStation(link) + link.detectionWindowPs() / 1000 + 2;
        return (replyAfter + link.slotNanos() - 1) / link.slotNanos() + 1;
    }

    /**
     * How long a node or the station waits for the other's acknowledgement before acting again: the
     * round trip between the farther end and the station, two slots, and 10 µs for processing.
     */
    static long controlRtoNanos(HeraldedLink link) {
        return 2 * maxDelayToStation(link) + 2 * link.slotNanos() + 10_000;
    }

    private static long maxDelayToStation(HeraldedLink link) {
        return Math.max(link.delayToStationNanos(link.spec().nodeA()), link.delayToStationNanos(link.spec().nodeB()));
    }

    static String protocolFor(String link) {
        return HeraldingMessages.NODE_PROTOCOL + "/" + link;
    }

    public void start() {
        if (running) {
            return;
        }
        running = true;
        network.register(node, protocolFor(link.name()), e -> {
            if (e.payload() instanceof HeraldingMessages.Reply r && r.link().equals(link.name())
                    && e.from().equals(station)) {
                onReply(r);
            } else if (e.payload() instanceof HeraldingMessages.RunAck a && a.link().equals(link.name())
                    && e.from().equals(station)) {
                onRunAck(a);
            } else {
                stats.rejectedReplies++;
                LOG.warning(() -> node + ": rejected unexpected message on " + link.name() + " from " + e.from());
            }
        });
        wake();
    }

    /** Stops attempting and releases every qubit held for attempts in flight. */
    public void stop() {
        running = false;
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
        network.unregister(node, protocolFor(link.name()));
        while (!pending.isEmpty()) {
            release(pending.poll());
        }
        measureDue = null;
        endRun();
        control.cancelAll();
    }

    /**
     * The other end of the link is gone (crashed or cut off): every attempt and every pair in flight here is
     * given up at once, its qubits freed, and none of them will be handed up; a device's run stops. Attempts
     * go on as the link layer plans them.
     */
    public void abandonInFlight() {
        while (!pending.isEmpty()) {
            release(pending.poll());
        }
        measureDue = null;
        for (Move m : moving.values()) {
            m.done().cancel();
            device.discard(m.to());
            memory.free(m.from());
            memory.free(m.to());
        }
        moving.clear();
        endRun();
        wake();
    }

    /** The link layer has new work: attempts resume at the first slot it asks for. */
    public void wake() {
        if (!running) {
            return;
        }
        long now = scheduler.clock().nanos();
        scheduleNextWork(now / slotNanos + (now % slotNanos == 0 ? 0 : 1));
    }

    private void scheduleNextWork(long fromSlot) {
        long next = source.nextWorkSlot(Math.max(fromSlot, keepBlockedUntil));
        if (next >= 0) {
            scheduleTick(Math.max(next, keepBlockedUntil));
        }
    }

    private void scheduleTick(long slot) {
        if (tick != null && tick.isPending()) {
            if (nextTickSlot <= slot) {
                return;
            }
            tick.cancel();
        }
        nextTickSlot = slot;
        tick = scheduler.scheduleAt(slot * slotNanos, () -> onTick(slot));
    }

    /**
     * The link layer's plan changed (an item was given up): a device's run for an item that is no longer
     * the plan stops, and attempts go on with whatever is planned now.
     */
    public void reconsider() {
        ActiveRun current = run;
        if (current != null) {
            AttemptPlan plan = source.planFor(currentSlot() + 1);
            if (plan == null || plan.queueItem() != current.queueItem) {
                endRun();
            }
        }
        wake();
    }

    /** The slot now being or next to be served. */
    public long currentSlot() {
        return scheduler.clock().nanos() / slotNanos;
    }

    public long slotNanos() {
        return slotNanos;
    }

    public Stats stats() {
        return stats;
    }

    /** The station sequence number of the last reply this end has taken in (accepted or rejected). */
    public long lastStationSeq() {
        return lastSeq;
    }

    /**
     * Every herald with a sequence number up to this one has been handed up or rejected: this end will
     * never hand up a pair with such a number from now on. Below {@link #lastStationSeq()} while kept
     * pairs are still moving to storage.
     */
    public long settledStationSeq() {
        return moving.isEmpty() ? lastSeq : moving.firstKey() - 1;
    }

    private void onTick(long slot) {
        tick = null;
        if (runs) {
            startRun(slot);
            return;
        }
        if (measureDue != null) {
            measure(measureDue);
        }
        AttemptPlan plan = slot >= keepBlockedUntil ? source.planFor(slot) : null;
        if (plan != null && plan.keep() && slot % keepWaitSlots != 0) {
            // Kept attempts use one lattice of slots at both ends, as runs do: an end that had to skip a
            // slot (its qubit still waiting for a lost reply) falls back into step with the other.
            scheduleTick(slot + keepWaitSlots - slot % keepWaitSlots);
            return;
        }
        if (plan != null) {
            attempt(slot, plan);
        }
        if (plan != null || measureDue != null) {
            scheduleTick(Math.max(slot + 1, keepBlockedUntil));
        } else {
            scheduleNextWork(slot + 1);
        }
    }

    private void attempt(long slot, AttemptPlan plan) {
        if (!photonic.takeSlot(this, slot)) {
            return; // another link of this node emits in this slot
        }
        int q = memory.tryAllocate(QubitRole.COMMUNICATION);
        if (q < 0) {
            source.onNoCommunicationQubit();
            return; // the communication qubit still holds a pair: skip this slot
        }
        try {
            device.initialize(q);
            device.emit(q, link.name(), slot, plan.alpha());
        } catch (RuntimeException failure) {
            deviceFailed(q, plan.queueItem(), failure);
            return;
        }
        stats.attempts++;
        network.send(node, station, stationProtocol,
                new HeraldingMessages.Gen(link.name(), slot, plan.queueItem(), node));
        Pending p = new Pending(slot, plan.queueItem(), q, plan.axis());
        pending.add(p);
        if (plan.keep()) {
            keepBlockedUntil = slot + keepWaitSlots;
            // The reply is due before the next keep slot; one that has not come by then was lost (or is
            // so late that it will match nothing): free the qubit rather than hold it for ever.
            p.overdue = scheduler.scheduleAt(keepBlockedUntil * slotNanos, () -> {
                if (pending.remove(p)) {
                    stats.overdueReplies++;
                    release(p);
                }
            });
        } else {
            measureDue = p;
        }
    }

    private void measure(Pending p) {
        p.outcome = device.measure(p.qubit, p.axis).outcome();
        p.qubitHeld = false;
        memory.free(p.qubit);
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
            device.discard(p.qubit);
            memory.free(p.qubit);
        }
        if (measureDue == p) {
            measureDue = null;
        }
    }

    private void startRun(long slot) {
        if (run != null) {
            return;
        }
        AttemptPlan plan = source.planFor(slot);
        if (plan == null) {
            scheduleNextWork(slot + 1);
            return;
        }
        int stride = plan.keep() ? (int) keepWaitSlots : 1;
        if (slot % stride != 0) {
            scheduleTick(slot + stride - slot % stride); // keep runs use one lattice at both ends
            return;
        }
        if (!photonic.acquireOrWait(this, this::wake)) {
            return; // another link of this node is attempting: its release wakes us
        }
        int q = memory.tryAllocate(QubitRole.COMMUNICATION);
        if (q < 0) {
            photonic.release(this);
            source.onNoCommunicationQubit();
            return; // the communication qubit still holds a pair: its release wakes us
        }
        long item = plan.queueItem();
        AttemptRun started;
        try {
            started = device.startAttempts(new AttemptRunSpec(q, link.name(), slot, stride, plan.alpha(),
                    plan.keep() ? null : s -> source.axisFor(item)));
        } catch (RuntimeException failure) {
            photonic.release(this);
            // Not again in this slot: freeing the qubit wakes the protocol, which would retry at once.
            keepBlockedUntil = Math.max(keepBlockedUntil, slot + 1);
            deviceFailed(q, item, failure);
            scheduleNextWork(slot + 1);
            return;
        }
        ActiveRun r = new ActiveRun(started, nextRunId++, item, q, slot, stride, plan.keep());
        run = r;
        armBoundary(r, slot);
        network.send(node, station, stationProtocol,
                new HeraldingMessages.GenRun(link.name(), r.runId, slot, stride, item, node));
        // Not resent: if the announcement is lost the station ignores this run's clicks, so the run itself
        // starts again, from a later slot, under a new number.
        scheduler.schedule(control.rtoNanos(), () -> {
            if (run == r && !r.acknowledged) {
                LOG.fine(() -> node + ": station did not acknowledge run " + r.runId + " on " + link.name());
                restartRun();
            }
        });
    }

    /**
     * Stops the run where the plan moves to another item (weighted sharing of the link between items), in
     * the middle of the last slot it serves, so that the next run starts in the following slot.
     */
    private void armBoundary(ActiveRun r, long fromSlot) {
        long until = source.servedUntil(fromSlot);
        if (until == Long.MAX_VALUE) {
            return;
        }
        r.boundary = scheduler.scheduleAt(until * slotNanos + slotNanos / 2, () -> {
            r.boundary = null;
            if (run == r) {
                reconsider();
                if (run == r) {
                    armBoundary(r, currentSlot() + 1); // the plan changed meanwhile: the run goes on
                }
            }
        });
    }

    /** The device threw while attempting: give its qubit back and let the link layer decide. */
    private void deviceFailed(int qubit, long queueItem, RuntimeException failure) {
        stats.deviceFailures++;
        LOG.warning(() -> node + " on " + link.name() + ": the device failed to attempt: " + failure);
        try {
            device.discard(qubit);
        } catch (RuntimeException ignored) {
            // the device is failing anyway; the memory slot is freed below whatever it says
        }
        memory.free(qubit);
        source.onAttemptFailed(queueItem, failure);
    }

    private void onRunAck(HeraldingMessages.RunAck a) {
        if (a.stop()) {
            control.acknowledge(a.runId());
        } else if (run != null && run.runId == a.runId()) {
            run.acknowledged = true;
        }
    }

    /** Stops the current run and lets the next tick start a new one for whatever is planned then. */
    private void restartRun() {
        stats.restartedRuns++;
        endRun();
        wake();
    }

    /** The run's attempts in the slots before {@code endSlot}. */
    private static long attemptsIn(ActiveRun r, long endSlot) {
        return endSlot <= r.first ? 0 : (endSlot - r.first + r.stride - 1) / r.stride;
    }

    /** Stops the current run from the next slot on and gives its qubit back (unless it holds a pair). */
    private void endRun() {
        ActiveRun r = run;
        if (r == null) {
            return;
        }
        run = null;
        if (r.boundary != null) {
            r.boundary.cancel();
        }
        photonic.release(this);
        long stopSlot = currentSlot() + 1;
        stats.attempts += attemptsIn(r, stopSlot);
        r.run.stopAt(stopSlot);
        HeraldingMessages.GenStop stop = new HeraldingMessages.GenStop(link.name(), r.runId, stopSlot, node);
        control.send(r.runId, HeraldingStation.REPLY_GIVE_UP_NANOS, () -> network.send(node, station, stationProtocol,
                stop), () -> LOG.warning(() -> node + ": station never acknowledged the stop of run " + r.runId));
        device.discard(r.qubit);
        memory.free(r.qubit);
    }

    private void onRunReply(HeraldingMessages.Reply r) {
        ActiveRun current = run;
        long mine = isA ? r.queueItemA() : r.queueItemB();
        if (current == null || !current.covers(r.slot()) || mine != current.queueItem || !r.outcome().success()) {
            stats.rejectedReplies++;
            LOG.fine(() -> node + ": herald for slot " + r.slot() + " matches no run on " + link.name());
            rejectHerald(r);
            return;
        }
        stats.heralds++;
        if (current.keep) {
            run = null; // the run stopped at its success; the qubit now holds the pair and goes up
            photonic.release(this);
            stats.attempts += attemptsIn(current, r.slot() + 1);
            keepBlockedUntil = r.slot() + current.stride;
            deliverKept(r, current.queueItem, current.qubit);
            wake();
            return;
        }
        AttemptRun.SlotMeasurement m = current.run.measurement(r.slot());
        source.onHerald(new HeraldedPair(link.name(), r.slot(), r.seq(), current.queueItem, r.outcome().bellIndex(),
                -1, m.axis(), m.outcome(), scheduler.clock().nanos()));
        AttemptPlan next = source.planFor(currentSlot() + 1);
        if (next == null || next.queueItem() != current.queueItem) {
            endRun();
            wake();
        }
    }

    /**
     * A reply this end does not take as a pair: if it heralded one, the other end may hold its half and
     * must hear that this end does not; if it concerns a slot of the current keep run, the device has
     * stopped on that click, so the run stops here too and starts again.
     */
    private void rejectHerald(HeraldingMessages.Reply r) {
        if (r.outcome().success() && r.seq() > lastSeqBefore) {
            source.onHeraldsLost(r.seq(), r.seq());
        }
        ActiveRun current = run;
        if (current != null && current.keep && current.covers(r.slot())) {
            restartRun();
        }
    }

    private void onReply(HeraldingMessages.Reply r) {
        if (runs) {
            network.send(node, station, stationProtocol, new HeraldingMessages.ReplyAck(link.name(), r.seq(), node));
        }
        lastSeqBefore = lastSeq;
        if (r.seq() <= lastSeq) {
            stats.rejectedReplies++;
            LOG.fine(() -> node + ": stale or repeated herald seq " + r.seq() + " on " + link.name());
            if (runs) {
                rejectHerald(r); // already reported lost (or taken): only a keep run may need restarting
            }
            return;
        }
        if (r.seq() > lastSeq + 1) {
            long from = lastSeq + 1;
            stats.lostHeralds += r.seq() - from;
            source.onHeraldsLost(from, r.seq() - 1);
        }
        lastSeq = r.seq();
        if (runs) {
            onRunReply(r);
            return;
        }
        while (!pending.isEmpty() && pending.peek().slot < r.slot()) {
            stats.lostReplies++;
            release(pending.poll());
        }
        Pending p = pending.peek();
        if (p == null || p.slot != r.slot()) {
            stats.rejectedReplies++;
            LOG.fine(() -> node + ": herald for slot " + r.slot() + " matches no attempt on " + link.name());
            rejectHerald(r);
            return;
        }
        pending.poll();
        long mine = isA ? r.queueItemA() : r.queueItemB();
        if (mine != p.queueItem || !r.outcome().success()) {
            if (mine != p.queueItem) {
                stats.rejectedReplies++;
                rejectHerald(r);
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
        stats.heralds++;
        if (p.axis == null) {
            deliverKept(r, p.queueItem, p.qubit);
        } else {
            source.onHerald(new HeraldedPair(link.name(), r.slot(), r.seq(), p.queueItem, r.outcome().bellIndex(),
                    -1, p.axis, p.outcome, scheduler.clock().nanos()));
        }
    }

    /**
     * Hands a kept pair up. If it sits on the node's last free communication qubit, the link has more
     * work, and a storage qubit is free, the pair first moves to storage (as an NV centre moves it from
     * the electron to a carbon spin) so that attempts can go on; it goes up when the move is done.
     */
    private void deliverKept(HeraldingMessages.Reply r, long queueItem, int qubit) {
        boolean commQubitFree = false;
        for (int q = 0; q < memory.capacity(); q++) {
            commQubitFree |= !memory.isAllocated(q) && memory.device().roles().get(q) == QubitRole.COMMUNICATION;
        }
        int storage = commQubitFree || !source.moreWorkAfterOneMore(queueItem) ? -1
                : memory.tryAllocate(QubitRole.STORAGE);
        if (storage < 0) {
            source.onHerald(new HeraldedPair(link.name(), r.slot(), r.seq(), queueItem, r.outcome().bellIndex(), qubit,
                    null, -1, scheduler.clock().nanos()));
            return;
        }
        stats.moves++;
        long duration = device.move(qubit, storage);
        moving.put(r.seq(), new Move(qubit, storage, scheduler.schedule(duration, () -> {
            moving.remove(r.seq());
            memory.free(qubit);
            source.onHerald(new HeraldedPair(link.name(), r.slot(), r.seq(), queueItem, r.outcome().bellIndex(), storage,
                    null, -1, scheduler.clock().nanos()));
        })));
    }
}
