package org.qnetstack.link.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.FidelityEstimate;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.Priority;
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
 * One node's end of one link: the distributed queue, the agreement on each heralded pair, test rounds, and
 * the heralding protocol that serves the item the {@link LinkScheduler} picks for each slot (strict priority
 * between classes, weighted round robin within one). End A of the link is the master: it numbers every item,
 * fixes the slot from which both ends serve it, decides the fate of every heralded pair, and keeps the
 * fidelity estimates of the test rounds.
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
 * and the request still wants the pair (or TEST, for a fraction of them: both ends measure it in a basis
 * the master draws, and the master counts the correlation), DISCARD when the request has its pairs or has ended, and EXPIRE
 * when it does not hold the herald itself (lost or rejected here, or not seen within the confirmation
 * wait), or when the other end's HOLD does not come within that wait (or it says NOT_HELD). Decisions are
 * final and the master answers every copy of a HOLD with the same one, so a pair is delivered at both
 * ends or at neither. Each end hands its pairs up in station sequence order, once decided; a pair that
 * is not delivered has its qubit released, with ERR EXPIRE at the end that held it.
 *
 * <p>A request that ends (TIMEOUT at its deadline slot, at both ends; CANCELLED; NORES; UNREACHABLE)
 * leaves the queue at once, and its ERR is reported once its pairs already heralded have been decided,
 * so every qubit held for it is released by then.
 *
 * <p><b>Forgetting.</b> A request's record (its item, and an END that overtook its ADD) is kept after the request
 * is over at this end for {@link #retentionNanos()}, three times the longest a message is sent again: every copy
 * of a message about it, and every herald of an attempt made for it, comes within that time and is answered as
 * while it ran. Then the record is forgotten, lazily (when a message or a request comes, or the counts are read),
 * so that a long-lived link holds only the requests of the last moments; a copy later still is recognised as
 * stale by its create id (ids grow at each node) and ignored.
 *
 * <p><b>Peer down.</b> When told that the peer crashed or is cut off ({@link #peerDown}), this end gives up
 * everything it shares with it at once: every qubit it holds for the link is released, every open request
 * ends with ERR UNREACHABLE (no END can be agreed with a dead peer), and new requests are refused with
 * UNREACHABLE until {@link #peerUp}. The peer comes back with a fresh stack that knows nothing of the old
 * queue, item ids or decisions, and this end starts afresh too.
 */
final class LinkEndpoint implements AttemptSource {
    private static final Logger LOG = Logger.getLogger(LinkEndpoint.class.getName());
    /** The confirmation wait, beyond the retransmissions it must allow: covers a pair's move to storage. */
    private static final long CONFIRM_SLACK_NANOS = 10_000_000L;
    /** Weighted round robin: keep-attempt periods per unit of weight in a block. */
    private static final long BLOCK_KEEP_PERIODS = 16;
    /** Items the master queues on one link at most; a request beyond is REJECTED. */
    static final int DEFAULT_QUEUE_LIMIT = 256;

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
    private final LinkScheduler linkScheduler;
    /** Master: the test rounds' counts, and kept test pairs waiting for the other end's outcome. */
    private final TestRounds testRounds;
    /** Master: the other end's HOLDs of measure-directly pairs not decided yet (their axes and outcomes). */
    private final Map<Long, LinkMessages.Hold> peerMeasurements = new HashMap<>();
    private int queueLimit;
    /** How long the master waits for the other end's HOLD, or for its own herald after a HOLD. */
    private final long confirmWaitNanos;
    /** How long a message goes unacknowledged before the peer counts as unreachable. */
    private final long giveUpNanos;
    private long noResourceNanos;
    private boolean closed;
    /** The peer crashed or is cut off: nothing is shared with it until it is back. */
    private boolean peerDown;

    /** Items still to be served, in item id order (the same at both ends). */
    private final TreeMap<Long, QueueItem> queue = new TreeMap<>();
    private final Map<Long, QueueItem> items = new HashMap<>();
    private final Map<CreateId, QueueItem> byCreateId = new HashMap<>();
    private long nextItemId = 1;
    /** Records of requests over at this end, oldest first, until forgotten ({@link #retentionNanos()}). */
    private final ArrayDeque<Finished> finished = new ArrayDeque<>();
    /** Per node that creates requests: the highest create id forgotten here; ids at or below are stale. */
    private final Map<String, Long> forgottenUpTo = new HashMap<>();
    private final long retentionNanos;
    private long staleCopies;
    /** Non-master: this end's requests the master has not queued yet. */
    private final Map<CreateId, LinkMessages.AddRequest> awaitingAdd = new HashMap<>();
    /** Requests that ended before this end learnt of them (an END overtook the ADD or ADD_REQUEST). */
    private final Map<CreateId, LinkMessages.End> endedUnseen = new HashMap<>();

    /** This end's halves of heralded pairs, by station sequence number, until handed up or released. */
    private final TreeMap<Long, HeldPair> held = new TreeMap<>();
    /** Master: decisions the other end may still ask about. */
    private final TreeMap<Long, LinkMessages.Decision> decisions = new TreeMap<>();
    /** Master: HOLDs for heralds this end has not settled yet, with the timer that gives up waiting. */
    private final TreeMap<Long, TimerHandle> peerHolds = new TreeMap<>();

    private @Nullable TimerHandle noResourceTimer;
    private long rejectedMessages;
    private long expired;
    private long discarded;
    private long tested;

    private final class QueueItem implements LinkScheduler.Candidate {
        final LinkMessages.Add add;
        final CreateRequest request;
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
        /** The end of the request was asked for after a device failure (asked once). */
        boolean failed;
        /** Atomic requests: pairs delivered but held back until the last one is made. */
        final List<LinkPair> atomicBuffer = new ArrayList<>(0);
        /** Over at this end and queued to be forgotten. */
        boolean retiring;

        QueueItem(LinkMessages.Add add) {
            this.add = add;
            this.request = add.request();
        }

        boolean saturated() {
            return delivered + undecided >= add.number();
        }

        @Override
        public long itemId() {
            return add.itemId();
        }

        @Override
        public Priority priority() {
            return request.priority();
        }

        @Override
        public int weight() {
            return request.weight();
        }

        @Override
        public boolean consecutive() {
            return request.consecutive();
        }

        @Override
        public long startSlot() {
            return add.startSlot();
        }

        @Override
        public boolean wantsAttempts() {
            return !saturated();
        }

        /** How this end chooses its measurement axes for the item. */
        BasisChoice basisHere() {
            return add.createId().node().equals(node) ? request.localBasis() : request.remoteBasis();
        }
    }

    private static final class HeldPair {
        final HeraldedPair pair;
        final QueueItem item;
        @Nullable Verdict verdict;
        @Nullable Basis testBasis;
        double goodness;
        @Nullable TimerHandle confirmWait;

        HeldPair(HeraldedPair pair, QueueItem item) {
            this.pair = pair;
            this.item = item;
        }
    }

    /** A record of a request over at this end: its item, or else an END that overtook its ADD. */
    private record Finished(long atNanos, CreateId createId, @Nullable QueueItem item) {
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
        this.retentionNanos = 3 * giveUpNanos;
        this.testRounds = new TestRounds(link::heraldedFidelity, retentionNanos);
        this.linkScheduler = new LinkScheduler(BLOCK_KEEP_PERIODS * HeraldingNode.keepAttemptSlots(link));
        this.queueLimit = DEFAULT_QUEUE_LIMIT;
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

    /** Pairs sacrificed as test rounds at this end. */
    long tested() {
        return tested;
    }

    /** Messages sent again for want of an acknowledgement. */
    long retransmissions() {
        return reliable.retransmissions();
    }

    /** How long a request's record is kept after it is over here: beyond every copy of a message about it. */
    long retentionNanos() {
        return retentionNanos;
    }

    /** Late copies of messages about requests already forgotten, ignored. */
    long staleCopies() {
        return staleCopies;
    }

    /**
     * What this end keeps per request and per pair, once the records older than {@link #retentionNanos()} are
     * forgotten: for tests and soak runs that check that nothing grows with the requests served.
     */
    Map<String, Integer> retained() {
        forgetOldRecords();
        Map<String, Integer> sizes = new java.util.LinkedHashMap<>();
        sizes.put("queue", queue.size());
        sizes.put("items", items.size());
        sizes.put("byCreateId", byCreateId.size());
        sizes.put("awaitingAdd", awaitingAdd.size());
        sizes.put("endedUnseen", endedUnseen.size());
        sizes.put("finished", finished.size());
        sizes.put("held", held.size());
        sizes.put("peerHolds", peerHolds.size());
        sizes.put("pendingTests", testRounds.pending());
        sizes.put("peerMeasurements", peerMeasurements.size());
        sizes.put("outstanding", reliable.outstanding());
        return sizes;
    }

    /** Master: decisions kept for the other end's late HOLDs (only the most recent few: pruned by each HOLD). */
    int decisionsKept() {
        return decisions.size();
    }

    void setNoResourceNanos(long nanos) {
        this.noResourceNanos = nanos;
    }

    void setQueueLimit(int limit) {
        this.queueLimit = limit;
    }

    /** The test rounds' estimate for pairs made at α (the model's value alone at the non-master end). */
    FidelityEstimate fidelityEstimate(double alpha) {
        return testRounds.estimate(alpha);
    }

    /**
     * The expected time in ns to serve a new request behind the queue as it stands: the remaining pairs of
     * the items in higher classes, the share of those in its own class that weighted fair queueing serves
     * alongside it, and its own pairs, each at its expected time per pair.
     */
    long expectedServiceNanos(CreateRequest request, double alpha) {
        double own = request.number() * nanosPerPair(request.type(), alpha);
        double ahead = 0;
        for (QueueItem item : queue.values()) {
            double remaining = Math.max(0, item.add.number() - item.delivered) * nanosPerPair(item.request.type(),
                    item.add.alpha());
            int order = item.priority().compareTo(request.priority());
            if (order < 0) {
                ahead += remaining;
            } else if (order == 0) {
                ahead += Math.min(remaining, own * item.weight() / request.weight());
            }
        }
        double total = leadSlots() * (double) heralding.slotNanos() + ahead + own + link.heraldDelayNanos();
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /** The shortest time any pair can take from a CREATE: the queue's lead, one slot, the herald's flight. */
    long minimumPairNanos() {
        return (leadSlots() + 1) * heralding.slotNanos() + link.heraldDelayNanos();
    }

    private double nanosPerPair(RequestType type, double alpha) {
        long stride = type == RequestType.KEEP ? HeraldingNode.keepAttemptSlots(link) : 1;
        return stride * (double) heralding.slotNanos() / link.successProbability(alpha);
    }

    /** Slots from an ADD to the slot both ends start serving it: time for the ADD to reach the other end. */
    private long leadSlots() {
        return (network.delayNanos(node, peer) + heralding.slotNanos() - 1) / heralding.slotNanos() + 2;
    }

    private void send(Object message) {
        network.send(node, peer, protocol, message);
    }

    private void sendReliably(Key key, Object message, Runnable onGiveUp) {
        reliable.send(key, giveUpNanos, () -> send(message), onGiveUp);
    }

    // ---------------------------------------------------------------- the queue

    void submit(CreateId createId, CreateRequest request, double alpha, double goodness, long deadlineNanos) {
        forgetOldRecords();
        int purposeId = request.purposeId();
        if (master) {
            enqueueAsMaster(createId, request, alpha, goodness, deadlineNanos);
            return;
        }
        LinkMessages.AddRequest r = new LinkMessages.AddRequest(link.name(), createId, request, alpha, goodness,
                deadlineNanos);
        awaitingAdd.put(createId, r);
        sendReliably(new Key("add-request", createId), r, () -> {
            if (awaitingAdd.remove(createId) != null) {
                report(createId, purposeId, LinkErrorCode.UNREACHABLE, peer + " never queued the request; "
                        + "check that it runs and that the classical link to it works");
            }
        });
    }

    private void enqueueAsMaster(CreateId createId, CreateRequest request, double alpha, double goodness,
                                 long deadlineNanos) {
        if (queue.size() >= queueLimit) {
            String reason = String.format("%s's queue for %s is full (%d requests); try again later or ask for more "
                    + "pairs per request", node, link.name(), queueLimit);
            if (createId.node().equals(node)) {
                report(createId, request.purposeId(), LinkErrorCode.REJECTED, reason);
            } else {
                LinkMessages.End end = new LinkMessages.End(link.name(), createId, request.purposeId(),
                        LinkErrorCode.REJECTED, reason);
                rememberEndedUnseen(end);
                sendEnd(createId, request.purposeId(), LinkErrorCode.REJECTED, reason);
                report(createId, request.purposeId(), LinkErrorCode.REJECTED, reason);
            }
            return;
        }
        long start = heralding.currentSlot() + leadSlots();
        if (!queue.isEmpty()) {
            start = Math.max(start, queue.lastEntry().getValue().add.startSlot());
        }
        long deadlineSlot = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.max(start, deadlineNanos / heralding.slotNanos());
        LinkMessages.Add add = new LinkMessages.Add(link.name(), nextItemId++, createId, request, alpha, goodness,
                start, deadlineSlot);
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
            // An atomic request that ends short of its number hands up none of its pairs.
            item.atomicBuffer.forEach(p -> releaseQubit(p.qubit()));
            item.atomicBuffer.clear();
            report(item.add.createId(), item.add.purposeId(), item.endCode, item.endReason);
        }
        retireIfOver(item);
    }

    /** Queues the item's record to be forgotten once it is over here: out of the queue, every pair settled. */
    private void retireIfOver(QueueItem item) {
        if (item.retiring || item.unsettled != 0 || queue.get(item.add.itemId()) == item
                || (item.ended && !item.reported)) {
            return;
        }
        item.retiring = true;
        finished.add(new Finished(scheduler.clock().nanos(), item.add.createId(), item));
    }

    private void rememberEndedUnseen(LinkMessages.End end) {
        endedUnseen.put(end.createId(), end);
        finished.add(new Finished(scheduler.clock().nanos(), end.createId(), null));
    }

    /** Forgets the records of requests over for longer than the retention. */
    private void forgetOldRecords() {
        long now = scheduler.clock().nanos();
        while (!finished.isEmpty() && now - finished.peekFirst().atNanos() >= retentionNanos) {
            Finished f = finished.pollFirst();
            if (f.item() != null) {
                items.remove(f.item().add.itemId(), f.item());
                byCreateId.remove(f.createId(), f.item());
            } else {
                endedUnseen.remove(f.createId());
            }
            forgottenUpTo.merge(f.createId().node(), f.createId().id(), Math::max);
        }
        testRounds.forgetLost(now);
    }

    /** A message about a request forgotten here: a copy later than any the protocol sends. */
    private boolean stale(CreateId createId) {
        Long upTo = forgottenUpTo.get(createId.node());
        if (upTo == null || createId.id() > upTo) {
            return false;
        }
        staleCopies++;
        LOG.fine(() -> node + " on " + link.name() + ": ignored a late copy about " + createId + ", forgotten here");
        return true;
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
            int purposeId = item != null ? item.add.purposeId() : awaitingAdd.get(createId).request().purposeId();
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
        if (closed || peerDown) {
            return;
        }
        forgetOldRecords();
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
            } else if (m instanceof LinkMessages.TestOutcome t && t.link().equals(link.name())) {
                onTestOutcome(t);
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
        } else if (!stale(r.createId())) {
            enqueueAsMaster(r.createId(), r.request(), r.alpha(), r.goodness(), r.deadlineNanos());
        }
    }

    private void onAdd(LinkMessages.Add a) {
        send(new LinkMessages.AddAck(link.name(), a.itemId()));
        reliable.acknowledge(new Key("add-request", a.createId()));
        awaitingAdd.remove(a.createId());
        if (items.containsKey(a.itemId()) || (!endedUnseen.containsKey(a.createId()) && stale(a.createId()))) {
            return; // a copy
        }
        if (endedUnseen.containsKey(a.createId())) {
            QueueItem item = new QueueItem(a); // ended (and reported) before its ADD came: never served
            item.ended = true;
            item.reported = true;
            items.put(a.itemId(), item);
            byCreateId.put(a.createId(), item);
            retireIfOver(item);
            return;
        }
        enqueue(a);
    }

    private void onEndRequest(LinkMessages.EndRequest r) {
        QueueItem item = byCreateId.get(r.createId());
        if (item == null && (endedUnseen.containsKey(r.createId()) || stale(r.createId()))) {
            LinkMessages.End ended = endedUnseen.get(r.createId());
            if (ended != null) {
                sendEnd(ended.createId(), ended.purposeId(), ended.code(), ended.reason()); // a copy: answer again
            }
        } else if (item == null) {
            // The END_REQUEST overtook its ADD_REQUEST: the request ends before it is queued.
            LinkMessages.End end = new LinkMessages.End(link.name(), r.createId(), r.purposeId(), r.code(), r.reason());
            rememberEndedUnseen(end);
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
        } else if (!endedUnseen.containsKey(end.createId()) && !stale(end.createId())) {
            rememberEndedUnseen(end);
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

    /** A saturated item waits for the decisions on its pairs in flight (they may complete it); others go on. */
    private @Nullable QueueItem servedItem(long slot) {
        var choice = linkScheduler.choose(queue.values(), slot);
        return choice == null ? null : choice.item();
    }

    @Override
    public long nextWorkSlot(long fromSlot) {
        return linkScheduler.nextWorkSlot(queue.values(), fromSlot); // −1: a decision or a new item wakes us
    }

    @Override
    public long servedUntil(long slot) {
        var choice = linkScheduler.choose(queue.values(), slot);
        return choice == null ? slot : choice.until();
    }

    @Override
    public void onAttemptFailed(long queueItem, RuntimeException failure) {
        QueueItem item = items.get(queueItem);
        if (item == null || item.failed || queue.get(queueItem) != item) {
            return;
        }
        item.failed = true;
        String reason = "the device at " + node + " failed while attempting (" + failure
                + "); check the hardware, then ask again";
        if (master) {
            endItem(item, LinkErrorCode.CREATE, reason);
        } else {
            requestEnd(item.add.createId(), item.add.purposeId(), LinkErrorCode.CREATE, reason);
        }
    }

    @Override
    public @Nullable AttemptPlan planFor(long slot) {
        QueueItem item = servedItem(slot);
        if (item == null) {
            return null;
        }
        LinkMessages.Add a = item.add;
        return new AttemptPlan(a.itemId(), a.alpha(), item.request.type() == RequestType.KEEP ? null
                : item.basisHere().pick(random));
    }

    @Override
    public MeasurementAxis axisFor(long queueItem) {
        QueueItem item = items.get(queueItem);
        // Unknown item: whatever is measured is discarded.
        return item == null || item.request.type() == RequestType.KEEP ? MeasurementAxis.Z
                : item.basisHere().pick(random);
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
        QueueItem item = servedItem(heralding.currentSlot());
        if (noResourceTimer != null || item == null || item.request.type() != RequestType.KEEP) {
            return;
        }
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
                        decide(h, Verdict.EXPIRE, null);
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
        sendReliably(new Key("hold", seq), new LinkMessages.Hold(link.name(), seq, h.item.add.itemId(), undecidedFrom,
                h.pair.axis(), h.pair.outcome()), () -> {
                    // The master has not answered for far longer than it ever waits: the link is down.
                    LOG.warning(() -> node + ": " + peer + " never decided herald " + seq + "; giving the pair up");
                    settle(h, Verdict.EXPIRE, null, 0);
                });
    }

    private void onDecision(LinkMessages.Decision d) {
        HeldPair h = held.get(d.seq());
        if (h == null || h.verdict != null) {
            return; // a copy
        }
        if (d.verdict() == Verdict.TEST && h.pair.qubit() >= 0 && d.testBasis() == null) {
            reject("test decision for kept herald " + d.seq() + " without a basis");
            return;
        }
        reliable.acknowledge(new Key("hold", d.seq()));
        settle(h, d.verdict(), d.testBasis(), d.goodness());
    }

    /** Master: the other end holds this herald. */
    private void onHold(LinkMessages.Hold hold) {
        long seq = hold.seq();
        decisions.headMap(Math.min(hold.undecidedFrom(), seq)).clear(); // settled there: never asked again
        LinkMessages.Decision known = decisions.get(seq);
        HeldPair h = held.get(seq);
        if (known != null) {
            send(known);
            return;
        }
        if (hold.axis() != null) {
            peerMeasurements.put(seq, hold);
        }
        if (h != null) {
            decideHeldAtBoth(h);
        } else if (seq <= heralding.settledStationSeq()) {
            decide(seq, Verdict.EXPIRE, null); // taken in here without a pair: lost, late or rejected
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
        decide(seq, Verdict.EXPIRE, null); // if the herald comes after all, onHerald releases it
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
                decide(seq, Verdict.EXPIRE, null);
            }
        }
    }

    private void onNotHeld(LinkMessages.NotHeld n) {
        for (HeldPair h : held.subMap(n.fromSeq(), true, n.toSeq(), true).values().toArray(HeldPair[]::new)) {
            if (h.verdict == null) {
                decide(h, Verdict.EXPIRE, null);
            }
        }
    }

    /**
     * Master: both ends hold the herald; the request decides whether it is wanted, and a wanted pair is made
     * a test round with the request's test fraction (a measure-directly pair only if both ends happened to
     * measure it along the same Pauli axis).
     */
    private void decideHeldAtBoth(HeldPair h) {
        QueueItem item = h.item;
        boolean wanted = !item.ended && queue.get(item.add.itemId()) == item && item.delivered < item.add.number();
        if (!wanted) {
            decide(h, Verdict.DISCARD, null);
            return;
        }
        double fraction = item.request.testFraction();
        if (fraction > 0) {
            if (h.pair.qubit() >= 0) {
                if (random.nextDouble() < fraction) {
                    decide(h, Verdict.TEST, Basis.values()[random.nextInt(3)]);
                    return;
                }
            } else {
                LinkMessages.Hold theirs = peerMeasurements.get(h.pair.stationSeq());
                Basis mine = h.pair.axis() == null ? null : h.pair.axis().pauli();
                if (theirs != null && mine != null && h.pair.axis().equals(theirs.axis())
                        && random.nextDouble() < fraction) {
                    testRound(item.add.alpha(), h.pair.bellIndex(), mine, h.pair.outcome(), theirs.outcome());
                    decide(h, Verdict.TEST, null);
                    return;
                }
            }
        }
        decide(h, Verdict.DELIVER, null);
    }

    private void decide(HeldPair h, Verdict verdict, @Nullable Basis testBasis) {
        decide(h.pair.stationSeq(), verdict, testBasis);
    }

    /** Master: a final decision, told to the other end (which asks again if it holds the pair and missed it). */
    private void decide(long seq, Verdict verdict, @Nullable Basis testBasis) {
        HeldPair h = held.get(seq);
        double goodness = h == null ? 0 : fidelityEstimate(h.item.add.alpha()).goodness();
        LinkMessages.Decision d = new LinkMessages.Decision(link.name(), seq, verdict, testBasis, goodness);
        decisions.put(seq, d);
        peerMeasurements.remove(seq);
        send(d);
        TimerHandle waiting = peerHolds.remove(seq);
        if (waiting != null) {
            waiting.cancel();
        }
        if (h != null && h.verdict == null) {
            settle(h, verdict, testBasis, goodness);
        }
    }

    /** Applies a decision to this end's half, then hands up or releases every decided pair in order. */
    private void settle(HeldPair h, Verdict verdict, @Nullable Basis testBasis, double goodness) {
        h.verdict = verdict;
        h.testBasis = testBasis;
        h.goodness = goodness;
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
        QueueItem item = h.item;
        LinkMessages.Add a = item.add;
        item.unsettled--;
        switch (h.verdict) {
            case DELIVER -> {
                EntanglementId id = new EntanglementId(a.createId().node(),
                        a.createId().node().equals(node) ? peer : node, pair.stationSeq());
                LinkPair ok = new LinkPair(a.createId(), id, a.purposeId(), peer, item.request.type(),
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
            case TEST -> {
                tested++;
                if (pair.qubit() >= 0) {
                    int outcome = device.measure(pair.qubit(), h.testBasis).outcome();
                    releaseQubit(pair);
                    if (master) {
                        testRounds.measuredHere(pair.stationSeq(), new TestRounds.Pending(a.alpha(), pair.bellIndex(),
                                h.testBasis, outcome, scheduler.clock().nanos()));
                    } else {
                        send(new LinkMessages.TestOutcome(link.name(), pair.stationSeq(), outcome));
                    }
                }
            }
            default -> throw new IllegalStateException("undecided pair handed up");
        }
        reportEndIfSettled(item); // and queues its record to be forgotten once the request is over
    }

    /** Hands a delivered pair to the upper layer; a listener that throws ends the request (OTHER). */
    private void handUp(QueueItem item, LinkPair ok) {
        switch (service.deliver(ok)) {
            case TAKEN -> {
            }
            case NO_LISTENER -> releaseQubit(ok.qubit());
            case FAILED -> {
                releaseQubit(ok.qubit());
                String reason = "the listener for purpose " + ok.purposeId() + " at " + node + " threw on pair "
                        + ok.entanglementId() + "; its qubit was released and the request ended";
                if (master) {
                    endItem(item, LinkErrorCode.OTHER, reason);
                } else if (!item.failed) {
                    item.failed = true;
                    requestEnd(item.add.createId(), item.add.purposeId(), LinkErrorCode.OTHER, reason);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Master: the other end's outcome of a kept test pair. */
    private void onTestOutcome(LinkMessages.TestOutcome t) {
        TestRounds.Pending mine = testRounds.takePending(t.seq());
        if (mine == null || (t.outcome() != 0 && t.outcome() != 1)) {
            reject("test outcome " + t.outcome() + " for herald " + t.seq() + ", which is no pending test round");
            return;
        }
        testRound(mine.alpha(), mine.bellIndex(), mine.basis(), mine.outcome(), t.outcome());
    }

    /**
     * Master: counts a test round, and ends the requests at that α whose minimum fidelity the test rounds
     * now show, at their confidence, the link does not give.
     */
    private void testRound(double alpha, int bellIndex, Basis basis, int outcomeHere, int outcomeThere) {
        FidelityEstimate estimate = testRounds.record(alpha, bellIndex, basis, outcomeHere, outcomeThere);
        for (QueueItem item : queue.values().toArray(QueueItem[]::new)) {
            if (item.add.alpha() == alpha && estimate.upper() < item.request.minFidelity()) {
                endItem(item, LinkErrorCode.UNSUPP, String.format("test rounds show the link gives fidelity %.4f "
                        + "(%.0f%% interval %.4f..%.4f over %d rounds), below the minimum %.4f; ask for less, or use "
                        + "distillation", estimate.estimate(), 100 * estimate.confidence(), estimate.lower(),
                        estimate.upper(), estimate.testRounds(), item.request.minFidelity()));
            }
        }
    }

    private void releaseQubit(HeraldedPair pair) {
        releaseQubit(pair.qubit());
    }

    private void releaseQubit(int qubit) {
        if (qubit >= 0) {
            device.discard(qubit);
            memory.free(qubit);
        }
    }

    boolean isPeerDown() {
        return peerDown;
    }

    /**
     * The peer crashed or is cut off: releases every qubit held for the link and ends every open request with
     * ERR UNREACHABLE (a request that had already ended, waiting to settle its pairs, reports its own code).
     * Idempotent.
     *
     * @return the requests ended
     */
    int peerDown() {
        if (peerDown || closed) {
            return 0;
        }
        peerDown = true;
        return forgetPeer(LinkErrorCode.UNREACHABLE, peer + " is down (crashed or cut off): the request ended at "
                + node + " and every qubit held for it was released; retry once " + peer + " is back");
    }

    /**
     * The peer is back with a fresh stack: requests are served again, from a queue both ends start afresh.
     * Does nothing unless the peer was down.
     */
    void peerUp() {
        if (!peerDown || closed) {
            return;
        }
        peerDown = false;
        heralding.wake();
    }

    /** Forgets everything shared with the peer, releasing its qubits, then reports each request's end. */
    private int forgetPeer(LinkErrorCode code, String reason) {
        reliable.cancelAll(); // every message of this protocol is to the peer
        List<LinkError> errors = new ArrayList<>();
        for (HeldPair h : held.values()) {
            if (h.confirmWait != null) {
                h.confirmWait.cancel();
            }
            releaseQubit(h.pair);
        }
        held.clear(); // their items' unsettled counts stay: below, they mark the items that lose pairs
        for (QueueItem item : items.values()) {
            if (item.deadline != null) {
                item.deadline.cancel();
            }
            item.atomicBuffer.forEach(p -> releaseQubit(p.qubit()));
            item.atomicBuffer.clear();
            boolean open = queue.get(item.add.itemId()) == item;
            boolean waiting = item.ended && !item.reported;
            boolean lost = item.unsettled != 0; // completed, with pairs agreed on but not handed up here
            if (!item.reported && (open || waiting || lost)) {
                item.reported = true;
                item.ended = true;
                LinkErrorCode ending = waiting && item.endCode != null ? item.endCode : code;
                errors.add(new LinkError(item.add.createId(), item.add.purposeId(), ending,
                        waiting && item.endCode != null ? item.endReason : reason, -1, -1));
            }
        }
        for (LinkMessages.AddRequest r : awaitingAdd.values()) {
            errors.add(new LinkError(r.createId(), r.request().purposeId(), code, reason, -1, -1));
        }
        queue.clear();
        items.clear();
        byCreateId.clear();
        awaitingAdd.clear();
        endedUnseen.clear();
        finished.clear();
        forgottenUpTo.clear(); // the peer comes back with a fresh stack, numbering its requests afresh
        decisions.clear();
        peerHolds.values().forEach(TimerHandle::cancel);
        peerHolds.clear();
        testRounds.forgetPending();
        peerMeasurements.clear();
        if (noResourceTimer != null) {
            noResourceTimer.cancel();
            noResourceTimer = null;
        }
        heralding.abandonInFlight();
        errors.forEach(service::deliverError);
        return errors.size();
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
        for (QueueItem item : items.values()) {
            if (item.deadline != null) {
                item.deadline.cancel();
            }
            item.atomicBuffer.forEach(p -> releaseQubit(p.qubit()));
            item.atomicBuffer.clear();
        }
        queue.clear();
        items.clear();
        byCreateId.clear();
        awaitingAdd.clear();
        endedUnseen.clear();
        finished.clear();
        decisions.clear();
        testRounds.forgetPending();
        peerMeasurements.clear();
        if (noResourceTimer != null) {
            noResourceTimer.cancel();
        }
    }
}
