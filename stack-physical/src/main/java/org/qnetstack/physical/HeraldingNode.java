package org.qnetstack.physical;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.MessageHandlers;
import org.qnetstack.messaging.Retransmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>This class holds the link's slot clock (one tick at a time, at the next slot with work) and the contract
 * the link layer uses; the protocol's rules are in three state machines of this package, each with messages
 * in and out and timers on the {@link Scheduler}: {@link SlotAttempts} (step by step), {@link AttemptRuns}
 * (device runs) and {@link HeraldIntake} (station sequence numbers, lost and rejected heralds, kept pairs
 * moved to storage).
 */
public final class HeraldingNode {
    static final Logger LOG = LoggerFactory.getLogger(HeraldingNode.class);

    /** Rejected messages and device failures, each counted in {@link #stats}; a few a minute logged. */
    private final RateLimitedLog rejections = RateLimitedLog.warnings(LOG);
    private final RateLimitedLog deviceFailures = RateLimitedLog.warnings(LOG);
    final String node;
    final HeraldedLink link;
    final QuantumDevice device;
    final QubitMemory memory;
    final Scheduler scheduler;
    private final ClassicalNetwork network;
    final AttemptSource source;
    private final String station;
    private final String stationProtocol;
    final boolean isA;
    final long slotNanos;
    final long keepWaitSlots;
    final PhotonicInterface photonic;
    /** Whether the device attempts by itself (runs) rather than one attempt at a time. */
    final boolean runs;
    final Stats stats = new Stats();
    final SlotAttempts slots;
    final AttemptRuns attemptRuns;
    final HeraldIntake intake;
    private @Nullable TimerHandle tick;
    private long nextTickSlot = -1;
    /** No attempt before this slot (a kept attempt's reply is awaited, or a run's device just failed). */
    long keepBlockedUntil;
    private boolean running;

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
            return attempts + attemptRuns.attemptsSoFar();
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
            return attemptRuns.control.retransmissions();
        }
    }

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
        this.slots = new SlotAttempts(this);
        this.attemptRuns = new AttemptRuns(this, new Retransmitter(scheduler, controlRtoNanos(link), 16));
        this.intake = new HeraldIntake(this);
        memory.onFree(q -> {
            if (runs && attemptRuns.idle()) {
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
        network.register(node, protocolFor(link.name()), MessageHandlers.builder()
                .on(HeraldingMessages.Reply.class, (r, from) -> {
                    if (fromOurStation(r.link(), from)) {
                        intake.onReply(r);
                    }
                })
                .on(HeraldingMessages.RunAck.class, (a, from) -> {
                    if (fromOurStation(a.link(), from)) {
                        attemptRuns.onRunAck(a);
                    }
                })
                .otherwise(e -> rejectUnexpected(e.from()))
                .build());
        wake();
    }

    /** Whether a station message is about this link and from its station; if not, it is rejected. */
    private boolean fromOurStation(String linkName, String from) {
        if (linkName.equals(link.name()) && from.equals(station)) {
            return true;
        }
        rejectUnexpected(from);
        return false;
    }

    private void rejectUnexpected(String from) {
        stats.rejectedReplies++;
        rejections.log("{}: rejected unexpected message on {} from {}", node, link.name(), from);
    }

    /** Stops attempting and releases every qubit held for attempts in flight. */
    public void stop() {
        running = false;
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
        network.unregister(node, protocolFor(link.name()));
        slots.releaseAll();
        attemptRuns.endRun();
        attemptRuns.control.cancelAll();
    }

    /**
     * The other end of the link is gone (crashed or cut off): every attempt and every pair in flight here is
     * given up at once, its qubits freed, and none of them will be handed up; a device's run stops. Attempts
     * go on as the link layer plans them.
     */
    public void abandonInFlight() {
        slots.releaseAll();
        intake.abandonMoves();
        attemptRuns.endRun();
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

    void scheduleNextWork(long fromSlot) {
        long next = source.nextWorkSlot(Math.max(fromSlot, keepBlockedUntil));
        if (next >= 0) {
            scheduleTick(Math.max(next, keepBlockedUntil));
        }
    }

    void scheduleTick(long slot) {
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
        attemptRuns.reconsider();
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
        return intake.lastSeq();
    }

    /**
     * Every herald with a sequence number up to this one has been handed up or rejected: this end will
     * never hand up a pair with such a number from now on. Below {@link #lastStationSeq()} while kept
     * pairs are still moving to storage.
     */
    public long settledStationSeq() {
        return intake.settledSeq();
    }

    private void onTick(long slot) {
        tick = null;
        if (runs) {
            attemptRuns.start(slot);
        } else {
            slots.onTick(slot);
        }
    }

    void sendToStation(Object message) {
        network.send(node, station, stationProtocol, message);
    }

    /** The device threw while attempting: give its qubit back and let the link layer decide. */
    void deviceFailed(int qubit, long queueItem, RuntimeException failure) {
        stats.deviceFailures++;
        deviceFailures.log("{} on {}: the device failed to attempt: {}", node, link.name(), failure);
        try {
            device.discard(qubit);
        } catch (RuntimeException ignored) {
            // the device is failing anyway; the memory slot is freed below whatever it says
        }
        memory.free(qubit);
        source.onAttemptFailed(queueItem, failure);
    }
}
