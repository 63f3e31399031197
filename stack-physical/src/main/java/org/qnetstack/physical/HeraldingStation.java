package org.qnetstack.physical;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.MessageHandlers;
import org.qnetstack.messaging.Retransmitter;
import org.qnetstack.hal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * The station of the midpoint heralding protocol. It learns of attempts from the nodes' messages and
 * of photons only through its detector controller, as on hardware: exactly one detector clicking in
 * the coincidence window around the photons' arrival heralds Ψ+ (detector 0) or Ψ− (detector 1).
 * Every slot in which any end attempted gets one reply, to both ends, with the next sequence number.
 *
 * <p>When the ends' devices attempt by themselves, each end announces its run (run number, first slot,
 * stride, queue item) and its stop, and the station acknowledges each; a run message older than the
 * newest the station has from that end changes nothing, so lost, repeated and overtaken messages are
 * harmless. The station then works from the clicks alone: it places each click in its slot by its
 * time tag, and replies, with the next sequence number, only to single clicks: a herald in slots both
 * runs cover, a mismatch if the ends attempted for different items, and no-partner if only one run
 * covers the slot (the other end's run is unknown here, its announcement lost: the end that hears it
 * knows its device may have stopped on that click). These replies are few, and a node whose device
 * stopped after a success waits for nothing else, so each is sent again until that end acknowledges
 * it (step-by-step replies are not: the next slot's reply exposes a lost one).
 */
public final class HeraldingStation {
    private static final Logger LOG = LoggerFactory.getLogger(HeraldingStation.class);

    private final HeraldedLink link;
    private final DetectorController detectors;
    private final Scheduler scheduler;
    private final ClassicalNetwork network;
    /** Rejected messages and unacknowledged heralds, each counted; a few a minute logged. */
    private final RateLimitedLog rejections = RateLimitedLog.warnings(LOG);
    private final RateLimitedLog unacknowledged = RateLimitedLog.warnings(LOG);
    private final String name;
    private final String nodeProtocol;
    private final ArrayDeque<ClickEvent> clicks = new ArrayDeque<>();
    private final ArrayDeque<SlotAttempts> open = new ArrayDeque<>();
    private long lastEvaluatedSlot = -1;
    private long seq;
    private long heralds;
    private long rejected;
    private @Nullable Disposable subscription;
    private final HeraldingMessages.@Nullable GenRun[] runs = new HeraldingMessages.GenRun[2];
    private final long[] runStops = {Long.MAX_VALUE, Long.MAX_VALUE};
    /** Per end, the newest run number heard of, from a start or a stop (a stop may overtake its start). */
    private final long[] newestRunId = {0, 0};
    private final long[] earlyStopSlot = {Long.MAX_VALUE, Long.MAX_VALUE};
    private final Retransmitter retransmitter;
    /** How long the station keeps resending a run-mode reply to an end that does not acknowledge it. */
    static final long REPLY_GIVE_UP_NANOS = 1_000_000_000L;
    private long lastClickSlot = -1;

    private static final class SlotAttempts {
        final long slot;
        final long arrivalNanos;
        HeraldingMessages.@Nullable Gen fromA;
        HeraldingMessages.@Nullable Gen fromB;

        SlotAttempts(long slot, long arrivalNanos) {
            this.slot = slot;
            this.arrivalNanos = arrivalNanos;
        }
    }

    public HeraldingStation(HeraldedLink link, DetectorController detectors, Scheduler scheduler,
                            ClassicalNetwork network) {
        this.link = link;
        this.detectors = detectors;
        this.scheduler = scheduler;
        this.network = network;
        this.name = link.spec().station().name();
        this.nodeProtocol = HeraldingNode.protocolFor(link.name());
        this.retransmitter = new Retransmitter(scheduler, HeraldingNode.controlRtoNanos(link), 16);
    }

    static String protocolFor(String link) {
        return HeraldingMessages.STATION_PROTOCOL + "/" + link;
    }

    public void start() {
        detectors.setCoincidenceWindow(link.detectionWindowPs()).then(detectors.arm())
                .subscribe(null, e -> LOG.atError().log(() -> name + ": cannot arm detectors: " + e));
        subscription = detectors.clicks().subscribe(this::onClick);
        network.register(name, protocolFor(link.name()), MessageHandlers.builder()
                .on(HeraldingMessages.Gen.class, this::onGen)
                .on(HeraldingMessages.GenRun.class, (r, from) -> {
                    if (checkSender(r.link(), r.node(), from)) {
                        onGenRun(r);
                    }
                })
                .on(HeraldingMessages.GenStop.class, (stop, from) -> {
                    if (checkSender(stop.link(), stop.node(), from)) {
                        onGenStop(stop);
                    }
                })
                .on(HeraldingMessages.ReplyAck.class, (ack, from) -> {
                    if (checkSender(ack.link(), ack.node(), from)) {
                        retransmitter.acknowledge(replyKey(endOf(ack.node()), ack.seq()));
                    }
                })
                .otherwise(e -> reject("unexpected message from " + e.from()))
                .build());
    }

    public void stop() {
        network.unregister(name, protocolFor(link.name()));
        retransmitter.cancelAll();
        if (subscription != null) {
            subscription.dispose();
        }
        detectors.disarm().subscribe(null, e -> LOG.atWarn().log(() -> name + ": cannot disarm: " + e));
    }

    /**
     * An end of the link crashed or was cut off: its run (if any) covers no slot from now on, and the
     * replies still being resent to it are given up. Idempotent.
     */
    public void endDown(String node) {
        int end = endOfChecked(node);
        runs[end] = null;
        runStops[end] = Long.MAX_VALUE;
        earlyStopSlot[end] = Long.MAX_VALUE;
        retransmitter.cancelIf(key -> ((Long) key > 0) == (end == 0)); // see replyKey
    }

    /**
     * An end of the link is back with a fresh stack that remembers nothing: it numbers its runs from 1 again,
     * so what the station knew of its runs is forgotten (otherwise its new runs would count as older than its
     * dead stack's and be ignored). Idempotent.
     */
    public void endRestarted(String node) {
        endDown(node);
        newestRunId[endOfChecked(node)] = 0;
    }

    private int endOfChecked(String node) {
        if (!link.spec().connects(node)) {
            throw new IllegalArgumentException(node + " is not an end of link " + link.name());
        }
        return endOf(node);
    }

    /** Replies sent that heralded a pair. */
    public long heralds() {
        return heralds;
    }

    /** Replies sent in all. */
    public long replies() {
        return seq;
    }

    /** Messages rejected (unknown sender, repeated or late attempt). */
    public long rejected() {
        return rejected;
    }

    private void reject(String why) {
        rejected++;
        rejections.log("{}: rejected {}", name, why);
    }

    private boolean checkSender(String linkName, String node, String from) {
        if (link.name().equals(linkName) && from.equals(node) && link.spec().connects(from)) {
            return true;
        }
        reject("run message naming " + node + " on " + linkName + " from " + from);
        return false;
    }

    private int endOf(String node) {
        return node.equals(link.spec().nodeA()) ? 0 : 1;
    }

    private void onGenRun(HeraldingMessages.GenRun r) {
        int end = endOf(r.node());
        if (r.runId() > newestRunId[end] || (r.runId() == newestRunId[end] && runs[end] == null)) {
            // The newest run replaces the older one; if its stop overtook it, the stop holds.
            runStops[end] = r.runId() == newestRunId[end] ? earlyStopSlot[end] : Long.MAX_VALUE;
            newestRunId[end] = r.runId();
            runs[end] = r;
        } else if (runs[end] == null || runs[end].runId() != r.runId()) {
            LOG.atDebug().log(() -> name + ": ignored run " + r.runId() + " of " + r.node() + ", older than " + newestRunId[end]);
        }
        network.send(name, r.node(), nodeProtocol, new HeraldingMessages.RunAck(link.name(), r.runId(), false));
    }

    private void onGenStop(HeraldingMessages.GenStop stop) {
        int end = endOf(stop.node());
        HeraldingMessages.GenRun current = runs[end];
        if (current != null && stop.runId() >= current.runId()) {
            runStops[end] = Math.min(runStops[end], stop.slot()); // a later run's stop ends the older one too
        }
        if (stop.runId() > newestRunId[end]) {
            newestRunId[end] = stop.runId(); // the stop overtook its start: remember it for when that arrives
            earlyStopSlot[end] = stop.slot();
            runs[end] = null;
        }
        network.send(name, stop.node(), nodeProtocol, new HeraldingMessages.RunAck(link.name(), stop.runId(), true));
    }

    private static Object replyKey(int end, long seq) {
        return end == 0 ? seq : -seq;
    }

    private void onClick(ClickEvent click) {
        clicks.add(click);
        if (runs[0] == null && runs[1] == null) {
            return; // step by step: the attempt messages drive evaluation
        }
        long slot = slotOf(click);
        if (slot != lastClickSlot) {
            lastClickSlot = slot;
            long arrival = click.timePs() / 1000;
            scheduler.post(link.detectionWindowPs() / 1000 + 1, () -> evaluateRunSlot(slot, arrival));
        }
    }

    /** The slot whose photons arrive when the click did (emission at the slot's start). */
    private long slotOf(ClickEvent click) {
        double emitted = click.timePs() / 1000.0 - link.heraldDelayNanos();
        return Math.round(emitted / link.slotNanos());
    }

    private boolean covers(int end, long slot) {
        HeraldingMessages.GenRun r = runs[end];
        return r != null && slot >= r.firstSlot() && slot < runStops[end] && (slot - r.firstSlot()) % r.stride() == 0;
    }

    private void evaluateRunSlot(long slot, long arrivalNanos) {
        boolean[] fired = clicksAround(arrivalNanos);
        boolean single = fired[0] != fired[1];
        boolean coveredA = covers(0, slot);
        boolean coveredB = covers(1, slot);
        if (!single || (!coveredA && !coveredB)) {
            return; // a failure, or a stray click outside both runs: runs hear only of heralds
        }
        long itemA = coveredA ? runs[0].queueItem() : -1;
        long itemB = coveredB ? runs[1].queueItem() : -1;
        HeraldOutcome outcome = !coveredA || !coveredB ? HeraldOutcome.NO_PARTNER
                : itemA != itemB ? HeraldOutcome.MISMATCH
                : fired[0] ? HeraldOutcome.PSI_PLUS : HeraldOutcome.PSI_MINUS;
        if (outcome.success()) {
            heralds++;
        }
        HeraldingMessages.Reply reply = new HeraldingMessages.Reply(link.name(), ++seq, slot, outcome, itemA, itemB);
        String[] ends = {link.spec().nodeA(), link.spec().nodeB()};
        for (int end = 0; end < 2; end++) {
            String to = ends[end];
            retransmitter.send(replyKey(end, reply.seq()), REPLY_GIVE_UP_NANOS,
                    () -> network.send(name, to, nodeProtocol, reply), () -> unacknowledged.log("{}: {} never acknowledged herald {}", name, to,
                            reply.seq()));
        }
    }

    /** Which detectors clicked within the coincidence window around the arrival time; those clicks are used up. */
    private boolean[] clicksAround(long arrivalNanos) {
        long windowPs = detectors.coincidenceWindowPs();
        long centrePs = arrivalNanos * 1000;
        boolean[] fired = new boolean[2];
        while (!clicks.isEmpty() && clicks.peek().timePs() < centrePs - windowPs) {
            clicks.poll(); // stray click outside any attempt's window
        }
        while (!clicks.isEmpty() && clicks.peek().timePs() <= centrePs + windowPs) {
            ClickEvent c = clicks.poll();
            fired[c.channel() == 0 ? 0 : 1] = true;
        }
        return fired;
    }

    private void reply(HeraldingMessages.Reply reply) {
        network.send(name, link.spec().nodeA(), nodeProtocol, reply);
        network.send(name, link.spec().nodeB(), nodeProtocol, reply);
    }

    private void onGen(HeraldingMessages.Gen g, String from) {
        // Compared from our side: a message decoded from a remote node may leave its names null.
        if (!link.name().equals(g.link()) || !from.equals(g.node()) || !link.spec().connects(from)) {
            reject("attempt message naming " + g.node() + " on " + g.link() + " from " + from);
            return;
        }
        if (g.slot() <= lastEvaluatedSlot) {
            reject("late attempt message for slot " + g.slot() + " from " + from);
            return;
        }
        SlotAttempts s = null;
        for (SlotAttempts candidate : open) {
            if (candidate.slot == g.slot()) {
                s = candidate;
            }
        }
        if (s == null) {
            // The slot's heralds reach the detectors heraldDelay after its start; decide once the window has closed.
            long heraldAt = g.slot() * link.slotNanos() + link.heraldDelayNanos();
            SlotAttempts created = new SlotAttempts(g.slot(), heraldAt);
            open.add(created);
            s = created;
            scheduler.scheduleAt(Math.max(heraldAt, scheduler.clock().nanos()) + link.detectionWindowPs() / 1000 + 1,
                    () -> evaluate(created));
        }
        boolean fromA = from.equals(link.spec().nodeA());
        if ((fromA ? s.fromA : s.fromB) != null) {
            reject("repeated attempt message for slot " + g.slot() + " from " + from);
            return;
        }
        if (fromA) {
            s.fromA = g;
        } else {
            s.fromB = g;
        }
    }

    private void evaluate(SlotAttempts s) {
        open.remove(s);
        lastEvaluatedSlot = Math.max(lastEvaluatedSlot, s.slot);
        boolean[] fired = clicksAround(s.arrivalNanos);
        boolean d0 = fired[0];
        boolean d1 = fired[1];
        HeraldOutcome outcome;
        if (s.fromA == null || s.fromB == null) {
            outcome = HeraldOutcome.NO_PARTNER;
        } else if (s.fromA.queueItem() != s.fromB.queueItem()) {
            outcome = HeraldOutcome.MISMATCH;
        } else if (d0 != d1) {
            outcome = d0 ? HeraldOutcome.PSI_PLUS : HeraldOutcome.PSI_MINUS;
            heralds++;
        } else {
            outcome = HeraldOutcome.FAIL;
        }
        reply(new HeraldingMessages.Reply(link.name(), ++seq, s.slot, outcome,
                s.fromA == null ? -1 : s.fromA.queueItem(), s.fromB == null ? -1 : s.fromB.queueItem()));
    }
}
