package org.qnetstack.physical;

import java.util.ArrayDeque;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;

/**
 * One end of the midpoint heralding protocol on a link. Each slot it asks the link layer for a plan;
 * to attempt, it initialises a communication qubit, emits, and tells the station which queue item it
 * attempted for. Measure-directly attempts are read out at the next slot; kept attempts hold the qubit
 * until the station's reply and block further attempts until then.
 *
 * <p>Replies are matched to attempts by slot and queue item. A reply for no known attempt, a
 * repeated or old sequence number, or a mismatched queue item is rejected and counted; a jump in the
 * station's sequence numbers reports the lost heralds upward. Nothing is handed up that the station
 * did not herald for exactly this attempt.
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

    /** Counters of what happened on this end. */
    public static final class Stats {
        long attempts;
        long heralds;
        long rejectedReplies;
        long lostReplies;
        long lostHeralds;

        public long attempts() {
            return attempts;
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

    public HeraldingNode(String node, HeraldedLink link, QuantumDevice device, QubitMemory memory, Scheduler scheduler,
                         ClassicalNetwork network, AttemptSource source) {
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
        long replyAfter = 2 * maxDelayToStation(link) + link.detectionWindowPs() / 1000 + 1;
        this.keepWaitSlots = (replyAfter + slotNanos - 1) / slotNanos + 1;
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
        source.onHerald(new HeraldedPair(link.name(), r.slot(), r.seq(), p.queueItem, r.outcome().bellIndex(),
                p.basis == null ? p.qubit : -1, p.basis, p.outcome, scheduler.clock().nanos()));
    }
}
