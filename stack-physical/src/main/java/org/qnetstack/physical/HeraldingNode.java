package org.qnetstack.physical;

import java.util.ArrayDeque;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.AttemptRun;
import org.qnetstack.hal.AttemptRunSpec;
import org.qnetstack.hal.Basis;
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
 * until the station's reply and block further attempts until then.
 *
 * <p>Replies are matched to attempts by slot and queue item. A reply for no known attempt, a
 * repeated or old sequence number, or a mismatched queue item is rejected and counted; a jump in the
 * station's sequence numbers reports the lost heralds upward. Nothing is handed up that the station
 * did not herald for exactly this attempt.
 *
 * <p>With a device that attempts by itself ({@link QuantumDevice#supportsAttemptRuns()}), the node
 * starts one run per queue item (every slot for measure-directly; for keep, every slot of a lattice
 * spaced by the herald's round trip, the same at both ends), tells the station once, and hears back
 * only about heralds; their sequence numbers still expose lost ones.
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
    private boolean running;
    private final Stats stats = new Stats();
    private final boolean runs;
    private @Nullable ActiveRun run;

    /** The device's run for one queue item, as this end knows it. */
    private record ActiveRun(AttemptRun run, long queueItem, int qubit, long first, int stride, boolean keep) {
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
    }

    private static final class Pending {
        final long slot;
        final long queueItem;
        final int qubit;
        final @Nullable Basis basis;
        int outcome = -1;
        boolean qubitHeld = true;

        Pending(long slot, long queueItem, int qubit, @Nullable Basis basis) {
            this.slot = slot;
            this.queueItem = queueItem;
            this.qubit = qubit;
            this.basis = basis;
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
            if (plan == null || plan.queueItem() != current.queueItem()) {
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
            return; // the communication qubit still holds a pair: skip this slot
        }
        stats.attempts++;
        device.initialize(q);
        device.emit(q, link.name(), slot, plan.alpha());
        network.send(node, station, stationProtocol,
                new HeraldingMessages.Gen(link.name(), slot, plan.queueItem(), node));
        Pending p = new Pending(slot, plan.queueItem(), q, plan.basis());
        pending.add(p);
        if (plan.keep()) {
            keepBlockedUntil = slot + keepWaitSlots;
        } else {
            measureDue = p;
        }
    }

    private void measure(Pending p) {
        p.outcome = device.measure(p.qubit, p.basis).outcome();
        p.qubitHeld = false;
        memory.free(p.qubit);
        if (measureDue == p) {
            measureDue = null;
        }
    }

    private void release(Pending p) {
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
        if (!photonic.acquire(this)) {
            scheduleTick(slot + stride); // another link of this node is attempting: try again later
            return;
        }
        int q = memory.tryAllocate(QubitRole.COMMUNICATION);
        if (q < 0) {
            photonic.release(this);
            return; // the communication qubit still holds a pair: its release wakes us
        }
        long item = plan.queueItem();
        AttemptRun started = device.startAttempts(new AttemptRunSpec(q, link.name(), slot, stride, plan.alpha(),
                plan.keep() ? null : s -> source.basisFor(item)));
        run = new ActiveRun(started, item, q, slot, stride, plan.keep());
        network.send(node, station, stationProtocol, new HeraldingMessages.GenRun(link.name(), slot, stride, item, node));
    }

    /** The run's attempts in the slots before {@code endSlot}. */
    private static long attemptsIn(ActiveRun r, long endSlot) {
        return endSlot <= r.first() ? 0 : (endSlot - r.first() + r.stride() - 1) / r.stride();
    }

    /** Stops the current run from the next slot on and gives its qubit back (unless it holds a pair). */
    private void endRun() {
        ActiveRun r = run;
        if (r == null) {
            return;
        }
        run = null;
        photonic.release(this);
        long stopSlot = currentSlot() + 1;
        stats.attempts += attemptsIn(r, stopSlot);
        r.run().stopAt(stopSlot);
        network.send(node, station, stationProtocol, new HeraldingMessages.GenStop(link.name(), stopSlot, node));
        device.discard(r.qubit());
        memory.free(r.qubit());
    }

    private void onRunReply(HeraldingMessages.Reply r) {
        ActiveRun current = run;
        long mine = isA ? r.queueItemA() : r.queueItemB();
        if (current == null || !current.covers(r.slot()) || mine != current.queueItem() || !r.outcome().success()) {
            stats.rejectedReplies++;
            LOG.fine(() -> node + ": herald for slot " + r.slot() + " matches no run on " + link.name());
            return;
        }
        stats.heralds++;
        if (current.keep()) {
            run = null; // the run stopped at its success; the qubit now holds the pair and goes up
            photonic.release(this);
            stats.attempts += attemptsIn(current, r.slot() + 1);
            keepBlockedUntil = r.slot() + current.stride();
            deliverKept(r, current.queueItem(), current.qubit());
            wake();
            return;
        }
        AttemptRun.SlotMeasurement m = current.run().measurement(r.slot());
        source.onHerald(new HeraldedPair(link.name(), r.slot(), r.seq(), current.queueItem(), r.outcome().bellIndex(),
                -1, m.basis(), m.outcome(), scheduler.clock().nanos()));
        AttemptPlan next = source.planFor(currentSlot() + 1);
        if (next == null || next.queueItem() != current.queueItem()) {
            endRun();
            wake();
        }
    }

    private void onReply(HeraldingMessages.Reply r) {
        if (r.seq() <= lastSeq) {
            stats.rejectedReplies++;
            LOG.fine(() -> node + ": stale or repeated herald seq " + r.seq() + " on " + link.name());
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
            return;
        }
        pending.poll();
        long mine = isA ? r.queueItemA() : r.queueItemB();
        if (mine != p.queueItem || !r.outcome().success()) {
            if (mine != p.queueItem) {
                stats.rejectedReplies++;
            }
            release(p);
            return;
        }
        if (p.basis != null && p.outcome < 0) {
            measure(p);
        }
        stats.heralds++;
        if (p.basis == null) {
            deliverKept(r, p.queueItem, p.qubit);
        } else {
            source.onHerald(new HeraldedPair(link.name(), r.slot(), r.seq(), p.queueItem, r.outcome().bellIndex(),
                    -1, p.basis, p.outcome, scheduler.clock().nanos()));
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
        scheduler.schedule(duration, () -> {
            memory.free(qubit);
            source.onHerald(new HeraldedPair(link.name(), r.slot(), r.seq(), queueItem, r.outcome().bellIndex(), storage,
                    null, -1, scheduler.clock().nanos()));
        });
    }
}
