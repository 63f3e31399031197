package org.qnetstack.link.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.link.internal.LinkMessages.Verdict;
import org.qnetstack.physical.AttemptPlan;
import org.qnetstack.physical.AttemptSource;
import org.qnetstack.physical.ClassicalNetwork;
import org.qnetstack.physical.Envelope;
import org.qnetstack.physical.HeraldedPair;
import org.qnetstack.physical.HeraldingNode;
import org.qnetstack.physical.PhotonicInterface;
import org.qnetstack.physical.QubitMemory;
import org.qnetstack.physical.Retransmitter;

/**
 * One node's end of one link: the distributed first-come-first-served queue, the agreement on each
 * heralded pair, and the heralding protocol that serves the queue's head. End A of the link is the
 * master: it numbers every item, fixes the slot from which both ends serve it, and decides the fate of
 * every heralded pair.
 *
 * <p><b>Queue.</b> The other end asks with ADD_REQUEST (sent again until the master's ADD for it comes);
 * the master answers ADD (sent again until ADD_ACK). Items are keyed by create id and item id, so copies
 * change nothing, and both ends keep the queue sorted by item id, so an ADD overtaken by a later one
 * still takes its place. A request ends early (cancelled, no memory) by END from the master, sent again
 * until END_ACK; the other end asks for it with END_REQUEST.
 *
 * <p><b>Pairs.</b> The station's replies can be lost at one end only, so a herald does not make a pair
 * by itself: each end holds its half until the master's decision. The other end tells the master HOLD
 * (sent again until the DECISION comes); the master decides DELIVER when it holds the same herald too
 * and the request still wants the pair, DISCARD when the request has its pairs or has ended, and EXPIRE
 * when it does not hold the herald itself (lost or rejected here, or not seen within the confirmation
 * wait), or when the other end's HOLD does not come within that wait (or it says NOT_HELD). Decisions are
 * final and the master answers every copy of a HOLD with the same one, so a pair is delivered at both
 * ends or at neither. Each end hands its pairs up in station sequence order, once decided; a pair that
 * is not delivered has its qubit released, with ERR EXPIRE at the end that held it.
 *
 * <p>A request that ends (TIMEOUT at its deadline slot, at both ends; CANCELLED; NORES; UNREACHABLE)
 * leaves the queue at once, and its ERR is reported once its pairs already heralded have been decided,
 * so every qubit held for it is released by then.
 */
final class LinkEndpoint implements AttemptSource {
    private static final Logger LOG = Logger.getLogger(LinkEndpoint.class.getName());
    /** The confirmation wait, beyond the retransmissions it must allow: covers a pair's move to storage. */
    private static final long CONFIRM_SLACK_NANOS = 10_000_000L;

    private final String node;
    private final String peer;
    private final HeraldedLink link;
    private final QuantumDevice device;
    private final QubitMemory memory;
    private final ClassicalNetwork network;
    private final DefaultLinkService service;
    private final RandomGenerator random;
    private final HeraldingNode heralding;
    private final Scheduler scheduler;
    private final boolean master;
    private final String protocol;
    private final Retransmitter reliable;
    /** How long the master waits for the other end's HOLD, or for its own herald after a HOLD. */
    private final long confirmWaitNanos;
    /** How long a message goes unacknowledged before the peer counts as unreachable. */
    private final long giveUpNanos;
    private long noResourceNanos;
    private boolean closed;

    /** Items still to be served, in item id order (the same at both ends). */
    private final TreeMap<Long, QueueItem> queue = new TreeMap<>();
    private final Map<Long, QueueItem> items = new HashMap<>();
    private final Map<CreateId, QueueItem> byCreateId = new HashMap<>();
    private long nextItemId = 1;
    /** Non-master: this end's requests the master has not queued yet. */
    private final Map<CreateId, LinkMessages.AddRequest> awaitingAdd = new HashMap<>();
    /** Requests that ended before this end learnt of them (an END overtook the ADD or ADD_REQUEST). */
    private final Map<CreateId, LinkMessages.End> endedUnseen = new HashMap<>();

    /** This end's halves of heralded pairs, by station sequence number, until handed up or released. */
    private final TreeMap<Long, HeldPair> held = new TreeMap<>();
    /** Master: decisions the other end may still ask about. */
    private final TreeMap<Long, Verdict> decisions = new TreeMap<>();
    /** Master: HOLDs for heralds this end has not settled yet, with the timer that gives up waiting. */
    private final TreeMap<Long, TimerHandle> peerHolds = new TreeMap<>();

    private @Nullable TimerHandle noResourceTimer;
    private long rejectedMessages;
    private long expired;
    private long discarded;

    private static final class QueueItem {
        final LinkMessages.Add add;
        int delivered;
        /** Pairs held here whose fate is not decided yet. */
        int undecided;
        /** Pairs held here not yet handed up or released. */
        int unsettled;
        @Nullable LinkErrorCode endCode;
        String endReason = "";
        boolean ended;
        boolean reported;
        @Nullable TimerHandle deadline;

        QueueItem(LinkMessages.Add add) {
            this.add = add;
        }

        boolean saturated() {
            return delivered + undecided >= add.number();
        }
    }

    private static final class HeldPair {
        final HeraldedPair pair;
        final QueueItem item;
        @Nullable Verdict verdict;
        @Nullable TimerHandle confirmWait;

        HeldPair(HeraldedPair pair, QueueItem item) {
            this.pair = pair;
            this.item = item;
        }
    }

    /** Names a reliable message for its acknowledgement. */
    private record Key(String kind, Object id) {
    }

    LinkEndpoint(String node, HeraldedLink link, QuantumDevice device, QubitMemory memory, Scheduler scheduler,
                 ClassicalNetwork network, DefaultLinkService service, RandomGenerator random,
                 PhotonicInterface photonic, long noResourceNanos) {
        this.node = node;
        this.link = link;
        this.peer = link.spec().otherEnd(node);
        this.device = device;
        this.memory = memory;
        this.network = network;
        this.service = service;
        this.random = random;
        this.master = link.spec().nodeA().equals(node);
        this.scheduler = scheduler;
        this.protocol = "link/" + link.name();
        this.noResourceNanos = noResourceNanos;
        long rto = 2 * network.delayNanos(node, peer) + 2 * link.slotNanos() + 20_000;
        this.reliable = new Retransmitter(scheduler, rto, 16);
        this.confirmWaitNanos = CONFIRM_SLACK_NANOS + 16 * rto;
        this.giveUpNanos = 20 * confirmWaitNanos;
        this.heralding = new HeraldingNode(node, link, device, memory, scheduler, network, this, photonic);
        network.register(node, protocol, this::onMessage);
        heralding.start();
    }

    String peer() {
        return peer;
    }

    HeraldedLink link() {
        return link;
    }

    HeraldingNode heralding() {
        return heralding;
    }

    long rejectedMessages() {
        return rejectedMessages;
    }

    /** Pairs given up with EXPIRE at this end. */
    long expired() {
        return expired;
    }

    /** Pairs released silently (their request had its pairs or had ended). */
    long discarded() {
        return discarded;
    }

    /** Messages sent again for want of an acknowledgement. */
    long retransmissions() {
        return reliable.retransmissions();
    }

    void setNoResourceNanos(long nanos) {
        this.noResourceNanos = nanos;
    }

    private void send(Object message) {
        network.send(node, peer, protocol, message);
    }

    private void sendReliably(Key key, Object message, Runnable onGiveUp) {
        reliable.send(key, giveUpNanos, () -> send(message), onGiveUp);
    }

    // ---------------------------------------------------------------- the queue

    void submit(CreateId createId, int purposeId, RequestType type, int number, MeasureBasis basis, double alpha,
                double goodness, long deadlineNanos) {
        if (master) {
            enqueueAsMaster(createId, purposeId, type, number, basis, alpha, goodness, deadlineNanos);
            return;
        }
        LinkMessages.AddRequest r = new LinkMessages.AddRequest(link.name(), createId, purposeId, type, number, basis,
                alpha, goodness, deadlineNanos);
        awaitingAdd.put(createId, r);
        sendReliably(new Key("add-request", createId), r, () -> {
            if (awaitingAdd.remove(createId) != null) {
                report(createId, purposeId, LinkErrorCode.UNREACHABLE, peer + " never queued the request; "
                        + "check that it runs and that the classical link to it works");
            }
        });
    }

    private void enqueueAsMaster(CreateId createId, int purposeId, RequestType type, int number, MeasureBasis basis,
                                 double alpha, double goodness, long deadlineNanos) {
        long lead = (network.delayNanos(node, peer) + heralding.slotNanos() - 1) / heralding.slotNanos() + 2;
        long start = heralding.currentSlot() + lead;
        if (!queue.isEmpty()) {
            start = Math.max(start, queue.lastEntry().getValue().add.startSlot());
        }
        long deadlineSlot = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.max(start, deadlineNanos / heralding.slotNanos());
        LinkMessages.Add add = new LinkMessages.Add(link.name(), nextItemId++, createId, purposeId, type, number, basis,
                alpha, goodness, start, deadlineSlot);
        QueueItem item = enqueue(add);
        sendReliably(new Key("add", add.itemId()), add, () -> endItem(item, LinkErrorCode.UNREACHABLE,
                peer + " never acknowledged the request; check that it runs and that the classical link works"));
    }

    private QueueItem enqueue(LinkMessages.Add add) {
        QueueItem item = new QueueItem(add);
        items.put(add.itemId(), item);
        byCreateId.put(add.createId(), item);
        queue.put(add.itemId(), item);
        if (add.deadlineSlot() != Long.MAX_VALUE) {
            item.deadline = scheduler.scheduleAt(add.deadlineSlot() * heralding.slotNanos(), () -> endItem(item,
                    LinkErrorCode.TIMEOUT, item.delivered + " of " + add.number() + " pairs made before the request's "
                            + "max time; ask for fewer pairs, a lower fidelity (higher rate), or more time"));
        }
        // An item ahead of the one being served (its ADD came late) takes over at once.
        heralding.reconsider();
        return item;
    }

    /**
     * Ends a live item here: it leaves the queue now and its ERR follows once its held pairs are settled.
     * The master tells the other end; the other end only ends items when told (or at their deadline,
     * which both ends share).
     */
    private void endItem(QueueItem item, LinkErrorCode code, String reason) {
        if (item.ended || queue.get(item.add.itemId()) != item) {
            return; // already ended or completed
        }
        item.ended = true;
        item.endCode = code;
        item.endReason = reason;
        queue.remove(item.add.itemId());
        if (item.deadline != null) {
            item.deadline.cancel();
        }
        if (master && code != LinkErrorCode.TIMEOUT && code != LinkErrorCode.UNREACHABLE) {
            sendEnd(item.add.createId(), item.add.purposeId(), code, reason);
        }
        heralding.reconsider();
        reportEndIfSettled(item);
    }

    private void sendEnd(CreateId createId, int purposeId, @Nullable LinkErrorCode code, String reason) {
        sendReliably(new Key("end", createId), new LinkMessages.End(link.name(), createId, purposeId, code, reason),
                () -> LOG.warning(() -> node + ": " + peer + " never acknowledged the end of " + createId));
    }

    private void reportEndIfSettled(QueueItem item) {
        if (item.ended && !item.reported && item.unsettled == 0 && item.endCode != null) {
            item.reported = true;
            report(item.add.createId(), item.add.purposeId(), item.endCode, item.endReason);
        }
    }

    private void report(CreateId createId, int purposeId, LinkErrorCode code, String message) {
        service.deliverError(new LinkError(createId, purposeId, code, message, -1, -1));
    }

    /** Cancels the request here and at the peer; false if it is not open at this end. */
    boolean cancel(CreateId createId) {
        QueueItem item = byCreateId.get(createId);
        boolean open = item != null ? queue.get(item.add.itemId()) == item : awaitingAdd.containsKey(createId);
        if (!open) {
            return false;
        }
        String reason = "cancelled at " + node;
        if (master) {
            endItem(item, LinkErrorCode.CANCELLED, reason);
        } else {
            int purposeId = item != null ? item.add.purposeId() : awaitingAdd.get(createId).purposeId();
            requestEnd(createId, purposeId, LinkErrorCode.CANCELLED, reason);
        }
        return true;
    }

    /** Non-master: asks the master to end a request; both ends end it when the master's END comes. */
    private void requestEnd(CreateId createId, int purposeId, LinkErrorCode code, String reason) {
        sendReliably(new Key("end-request", createId), new LinkMessages.EndRequest(link.name(), createId, purposeId,
                code, reason), () -> {
                    QueueItem item = byCreateId.get(createId);
                    if (item != null) {
                        endItem(item, LinkErrorCode.UNREACHABLE, reason + ", but " + peer + " never confirmed it");
                    }
                });
    }

    private void onMessage(Envelope e) {
        if (closed) {
            return;
        }
        if (!e.from().equals(peer)) {
            reject("message from " + e.from() + ", who is not at the other end");
            return;
        }
        Object m = e.payload();
        if (master) {
            if (m instanceof LinkMessages.AddRequest r && r.link().equals(link.name())) {
                onAddRequest(r);
            } else if (m instanceof LinkMessages.AddAck a && a.link().equals(link.name())) {
                reliable.acknowledge(new Key("add", a.itemId()));
            } else if (m instanceof LinkMessages.Hold h && h.link().equals(link.name())) {
                onHold(h);
            } else if (m instanceof LinkMessages.NotHeld n && n.link().equals(link.name())) {
                onNotHeld(n);
            } else if (m instanceof LinkMessages.EndRequest r && r.link().equals(link.name())) {
                onEndRequest(r);
            } else if (m instanceof LinkMessages.EndAck a && a.link().equals(link.name())) {
                reliable.acknowledge(new Key("end", a.createId()));
            } else {
                reject("unexpected " + m.getClass().getSimpleName());
            }
        } else if (m instanceof LinkMessages.Add a && a.link().equals(link.name())) {
            onAdd(a);
        } else if (m instanceof LinkMessages.Decision d && d.link().equals(link.name())) {
            onDecision(d);
        } else if (m instanceof LinkMessages.End end && end.link().equals(link.name())) {
            onEnd(end);
        } else {
            reject("unexpected " + m.getClass().getSimpleName());
        }
    }

    private void onAddRequest(LinkMessages.AddRequest r) {
        LinkMessages.End ended = endedUnseen.get(r.createId());
        QueueItem known = byCreateId.get(r.createId());
        if (ended != null) {
            sendEnd(ended.createId(), ended.purposeId(), ended.code(), ended.reason()); // cancelled before it came
        } else if (known != null) {
            send(known.add); // a copy, or our ADD was lost: the ADD answers it again
        } else {
            enqueueAsMaster(r.createId(), r.purposeId(), r.type(), r.number(), r.basis(), r.alpha(), r.goodness(),
                    r.deadlineNanos());
        }
    }

    private void onAdd(LinkMessages.Add a) {
        send(new LinkMessages.AddAck(link.name(), a.itemId()));
        reliable.acknowledge(new Key("add-request", a.createId()));
        awaitingAdd.remove(a.createId());
        if (items.containsKey(a.itemId())) {
            return; // a copy
        }
        if (endedUnseen.containsKey(a.createId())) {
            QueueItem item = new QueueItem(a); // ended (and reported) before its ADD came: never served
            item.ended = true;
            item.reported = true;
            items.put(a.itemId(), item);
            byCreateId.put(a.createId(), item);
            return;
        }
        enqueue(a);
    }

    private void onEndRequest(LinkMessages.EndRequest r) {
        QueueItem item = byCreateId.get(r.createId());
        if (item == null) {
            // The END_REQUEST overtook its ADD_REQUEST: the request ends before it is queued.
            LinkMessages.End end = new LinkMessages.End(link.name(), r.createId(), r.purposeId(), r.code(), r.reason());
            endedUnseen.put(r.createId(), end);
            sendEnd(r.createId(), r.purposeId(), r.code(), r.reason());
            report(r.createId(), r.purposeId(), r.code(), r.reason());
        } else if (queue.get(item.add.itemId()) == item) {
            endItem(item, r.code(), r.reason());
        } else {
            // Already over here: repeat how it ended (nothing to report if it completed or timed out).
            LinkErrorCode code = item.endCode == LinkErrorCode.TIMEOUT ? null : item.endCode;
            sendEnd(r.createId(), item.add.purposeId(), code, item.endReason);
        }
    }

    private void onEnd(LinkMessages.End end) {
        send(new LinkMessages.EndAck(link.name(), end.createId()));
        reliable.acknowledge(new Key("end-request", end.createId()));
        if (end.code() == null) {
            return; // the request had completed at the master: it completes here with the pairs decided
        }
        QueueItem item = byCreateId.get(end.createId());
        if (item != null) {
            endItem(item, end.code(), end.reason());
        } else if (!endedUnseen.containsKey(end.createId())) {
            endedUnseen.put(end.createId(), end);
            reliable.acknowledge(new Key("add-request", end.createId()));
            awaitingAdd.remove(end.createId());
            report(end.createId(), end.purposeId(), end.code(), end.reason());
        }
    }

    private void reject(String why) {
        rejectedMessages++;
        LOG.warning(() -> node + " on " + link.name() + ": rejected " + why);
    }

    // ---------------------------------------------------------------- what the heralding protocol asks

    private @Nullable QueueItem servedItem(long slot) {
        var head = queue.firstEntry();
        if (head == null) {
            return null;
        }
        QueueItem item = head.getValue();
        // A saturated item waits for the decisions on its pairs in flight: they may complete it.
        return item.add.startSlot() > slot || item.saturated() ? null : item;
    }

    @Override
    public long nextWorkSlot(long fromSlot) {
        var head = queue.firstEntry();
        if (head == null || head.getValue().saturated()) {
            return -1; // a decision or a new item wakes the protocol
        }
        return Math.max(fromSlot, head.getValue().add.startSlot());
    }

    @Override
    public @Nullable AttemptPlan planFor(long slot) {
        QueueItem item = servedItem(slot);
        if (item == null) {
            return null;
        }
        LinkMessages.Add a = item.add;
        return new AttemptPlan(a.itemId(), a.alpha(), a.type() == RequestType.KEEP ? null : a.basis().pick(random));
    }

    @Override
    public Basis basisFor(long queueItem) {
        QueueItem item = items.get(queueItem);
        return item == null ? Basis.Z : item.add.basis().pick(random); // unknown: whatever is measured is discarded
    }

    @Override
    public boolean moreWorkAfterOneMore(long queueItem) {
        for (QueueItem item : queue.values()) {
            if (item.add.itemId() != queueItem || item.delivered + item.undecided + 1 < item.add.number()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onNoCommunicationQubit() {
        var head = queue.firstEntry();
        if (noResourceTimer != null || head == null || head.getValue().add.type() != RequestType.KEEP) {
            return;
        }
        QueueItem item = head.getValue();
        long attempts = heralding.stats().attempts();
        noResourceTimer = scheduler.schedule(noResourceNanos, () -> {
            noResourceTimer = null;
            if (closed || freeCommunicationQubit() || queue.get(item.add.itemId()) != item) {
                return;
            }
            if (heralding.stats().attempts() != attempts) {
                // Attempts were made meanwhile, but the qubits are taken again: watch the next period.
                onNoCommunicationQubit();
                return;
            }
            // No attempt for a whole period and still no communication qubit: memory has stayed full.
            String reason = String.format("no free communication qubit at %s for %.3f s: the pairs already "
                    + "delivered hold them; release qubits sooner or ask for fewer pairs at a time", node,
                    noResourceNanos / 1e9);
            if (master) {
                endItem(item, LinkErrorCode.NORES, reason);
            } else {
                requestEnd(item.add.createId(), item.add.purposeId(), LinkErrorCode.NORES, reason);
            }
        });
    }

    private boolean freeCommunicationQubit() {
        for (int q = 0; q < memory.capacity(); q++) {
            if (!memory.isAllocated(q) && memory.device().roles().get(q) == QubitRole.COMMUNICATION) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- heralded pairs

    @Override
    public void onHerald(HeraldedPair pair) {
        long seq = pair.stationSeq();
        QueueItem item = items.get(pair.queueItem());
        if (closed || item == null || (master && decisions.containsKey(seq))) {
            // Unknown item, or the master already gave this herald up while waiting for it.
            releaseQubit(pair);
            onHeraldsLost(seq, seq);
            return;
        }
        HeldPair h = new HeldPair(pair, item);
        held.put(seq, h);
        item.undecided++;
        item.unsettled++;
        if (master) {
            if (peerHolds.containsKey(seq)) {
                decideHeldAtBoth(h);
            } else {
                h.confirmWait = scheduler.schedule(confirmWaitNanos, () -> {
                    if (h.verdict == null) {
                        LOG.fine(() -> node + ": " + peer + " never confirmed herald " + seq);
                        decide(h, Verdict.EXPIRE);
                    }
                });
            }
            settlePeerHolds();
        } else {
            sendHold(h);
        }
    }

    @Override
    public void onHeraldsLost(long fromSeq, long toSeq) {
        LOG.fine(() -> node + " on " + link.name() + ": heralds " + fromSeq + ".." + toSeq + " not held here");
        if (master) {
            settlePeerHolds();
        } else {
            send(new LinkMessages.NotHeld(link.name(), fromSeq, toSeq));
        }
    }

    /** Non-master: HOLD until the master's decision comes. */
    private void sendHold(HeldPair h) {
        long seq = h.pair.stationSeq();
        long undecidedFrom = held.firstKey();
        sendReliably(new Key("hold", seq), new LinkMessages.Hold(link.name(), seq, h.item.add.itemId(), undecidedFrom),
                () -> {
                    // The master has not answered for far longer than it ever waits: the link is down.
                    LOG.warning(() -> node + ": " + peer + " never decided herald " + seq + "; giving the pair up");
                    settle(h, Verdict.EXPIRE);
                });
    }

    private void onDecision(LinkMessages.Decision d) {
        HeldPair h = held.get(d.seq());
        if (h == null || h.verdict != null) {
            return; // a copy
        }
        reliable.acknowledge(new Key("hold", d.seq()));
        settle(h, d.verdict());
    }

    /** Master: the other end holds this herald. */
    private void onHold(LinkMessages.Hold hold) {
        long seq = hold.seq();
        decisions.headMap(Math.min(hold.undecidedFrom(), seq)).clear(); // settled there: never asked again
        Verdict known = decisions.get(seq);
        HeldPair h = held.get(seq);
        if (known != null) {
            send(new LinkMessages.Decision(link.name(), seq, known));
        } else if (h != null) {
            decideHeldAtBoth(h);
        } else if (seq <= heralding.settledStationSeq()) {
            decide(seq, Verdict.EXPIRE); // taken in here without a pair: lost, late or rejected
        } else if (!peerHolds.containsKey(seq)) {
            // Our own reply is still on its way (or lost): wait for it, but not for ever.
            peerHolds.put(seq, scheduler.schedule(confirmWaitNanos, () -> giveUpWaitingFor(seq)));
        }
    }

    private void giveUpWaitingFor(long seq) {
        if (peerHolds.remove(seq) == null || held.containsKey(seq)) {
            return;
        }
        if (seq <= heralding.lastStationSeq()) {
            // Taken in but still moving to storage: its hand-up is close, wait again.
            peerHolds.put(seq, scheduler.schedule(confirmWaitNanos, () -> giveUpWaitingFor(seq)));
            return;
        }
        decide(seq, Verdict.EXPIRE); // if the herald comes after all, onHerald releases it
    }

    /** Master: HOLDs waiting for heralds this end has now settled. */
    private void settlePeerHolds() {
        long settled = heralding.settledStationSeq();
        while (!peerHolds.isEmpty() && peerHolds.firstKey() <= settled) {
            long seq = peerHolds.firstKey();
            peerHolds.remove(seq).cancel();
            HeldPair h = held.get(seq);
            if (h != null) {
                if (h.verdict == null) {
                    decideHeldAtBoth(h);
                }
            } else {
                decide(seq, Verdict.EXPIRE);
            }
        }
    }

    private void onNotHeld(LinkMessages.NotHeld n) {
        for (HeldPair h : held.subMap(n.fromSeq(), true, n.toSeq(), true).values().toArray(HeldPair[]::new)) {
            if (h.verdict == null) {
                decide(h, Verdict.EXPIRE);
            }
        }
    }

    /** Master: both ends hold the herald; the request decides whether it is wanted. */
    private void decideHeldAtBoth(HeldPair h) {
        QueueItem item = h.item;
        boolean wanted = !item.ended && queue.get(item.add.itemId()) == item && item.delivered < item.add.number();
        decide(h, wanted ? Verdict.DELIVER : Verdict.DISCARD);
    }

    private void decide(HeldPair h, Verdict verdict) {
        decide(h.pair.stationSeq(), verdict);
    }

    /** Master: a final decision, told to the other end (which asks again if it holds the pair and missed it). */
    private void decide(long seq, Verdict verdict) {
        decisions.put(seq, verdict);
        send(new LinkMessages.Decision(link.name(), seq, verdict));
        TimerHandle waiting = peerHolds.remove(seq);
        if (waiting != null) {
            waiting.cancel();
        }
        HeldPair h = held.get(seq);
        if (h != null && h.verdict == null) {
            settle(h, verdict);
        }
    }

    /** Applies a decision to this end's half, then hands up or releases every decided pair in order. */
    private void settle(HeldPair h, Verdict verdict) {
        h.verdict = verdict;
        if (h.confirmWait != null) {
            h.confirmWait.cancel();
        }
        QueueItem item = h.item;
        item.undecided--;
        if (verdict == Verdict.DELIVER) {
            item.delivered++;
            if (item.delivered >= item.add.number()) {
                queue.remove(item.add.itemId(), item);
                if (item.deadline != null) {
                    item.deadline.cancel();
                }
            }
        }
        while (!held.isEmpty() && held.firstEntry().getValue().verdict != null) {
            handUpOrRelease(held.pollFirstEntry().getValue());
        }
        heralding.reconsider(); // the item may be complete, or want more attempts
    }

    private void handUpOrRelease(HeldPair h) {
        HeraldedPair pair = h.pair;
        LinkMessages.Add a = h.item.add;
        h.item.unsettled--;
        switch (h.verdict) {
            case DELIVER -> {
                EntanglementId id = new EntanglementId(a.createId().node(),
                        a.createId().node().equals(node) ? peer : node, pair.stationSeq());
                LinkPair ok = new LinkPair(a.createId(), id, a.purposeId(), peer, a.type(), pair.bellIndex(),
                        a.goodness(), pair.heraldTime(), pair.qubit(), pair.basis(), pair.outcome());
                if (!service.deliver(ok)) {
                    releaseQubit(pair);
                }
            }
            case EXPIRE -> {
                expired++;
                releaseQubit(pair);
                service.deliverError(new LinkError(a.createId(), a.purposeId(), LinkErrorCode.EXPIRE, "the pair of herald "
                        + pair.stationSeq() + " on " + link.name() + " was not held at both ends (a classical message "
                        + "was lost or late) and was released at both; the request goes on",
                        pair.stationSeq(), pair.stationSeq()));
            }
            case DISCARD -> {
                discarded++;
                releaseQubit(pair);
            }
            default -> throw new IllegalStateException("undecided pair handed up");
        }
        reportEndIfSettled(h.item);
    }

    private void releaseQubit(HeraldedPair pair) {
        if (pair.qubit() >= 0) {
            device.discard(pair.qubit());
            memory.free(pair.qubit());
        }
    }

    /** Pairs held at this end, not yet decided or handed up. */
    int heldPairs() {
        return held.size();
    }

    /** Stops attempting, releases the qubits of attempts in flight and of pairs not yet handed up, forgets the queue. */
    void close() {
        closed = true;
        heralding.stop();
        network.unregister(node, protocol);
        reliable.cancelAll();
        for (HeldPair h : held.values()) {
            if (h.confirmWait != null) {
                h.confirmWait.cancel();
            }
            releaseQubit(h.pair);
        }
        held.clear();
        peerHolds.values().forEach(TimerHandle::cancel);
        peerHolds.clear();
        for (QueueItem item : queue.values()) {
            if (item.deadline != null) {
                item.deadline.cancel();
            }
        }
        queue.clear();
        if (noResourceTimer != null) {
            noResourceTimer.cancel();
        }
    }
}
