package org.qnetstack.physical;

import java.util.ArrayDeque;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.Scheduler;
import reactor.core.Disposable;

/**
 * The station of the midpoint heralding protocol. It learns of attempts from the nodes' messages and
 * of photons only through its detector controller, as on hardware: exactly one detector clicking in
 * the coincidence window around the photons' arrival heralds Ψ+ (detector 0) or Ψ− (detector 1).
 * Every slot in which any end attempted gets one reply, to both ends, with the next sequence number.
 *
 * <p>When the ends' devices attempt by themselves, each end announces its run (first slot, stride,
 * queue item) and its stop; the station then works from the clicks alone: it places each click in
 * its slot by its time tag, and replies, with the next sequence number, only to single clicks in slots
 * both runs cover (a herald) or that the ends attempted for different items (a mismatch).
 */
public final class HeraldingStation {
    private static final Logger LOG = Logger.getLogger(HeraldingStation.class.getName());

    private final HeraldedLink link;
    private final DetectorController detectors;
    private final Scheduler scheduler;
    private final ClassicalNetwork network;
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
    }

    static String protocolFor(String link) {
        return HeraldingMessages.STATION_PROTOCOL + "/" + link;
    }

    public void start() {
        detectors.setCoincidenceWindow(link.detectionWindowPs()).then(detectors.arm())
                .subscribe(null, e -> LOG.severe(() -> name + ": cannot arm detectors: " + e));
        subscription = detectors.clicks().subscribe(this::onClick);
        network.register(name, protocolFor(link.name()), e -> {
            if (e.payload() instanceof HeraldingMessages.Gen g) {
                onGen(g, e.from());
            } else if (e.payload() instanceof HeraldingMessages.GenRun r && checkSender(r.link(), r.node(), e.from())) {
                int end = r.node().equals(link.spec().nodeA()) ? 0 : 1;
                runs[end] = r;
                runStops[end] = Long.MAX_VALUE;
            } else if (e.payload() instanceof HeraldingMessages.GenStop stop
                    && checkSender(stop.link(), stop.node(), e.from())) {
                int end = stop.node().equals(link.spec().nodeA()) ? 0 : 1;
                runStops[end] = Math.min(runStops[end], stop.slot());
            } else {
                reject("unexpected message from " + e.from());
            }
        });
    }

    public void stop() {
        network.unregister(name, protocolFor(link.name()));
        if (subscription != null) {
            subscription.dispose();
        }
        detectors.disarm().subscribe(null, e -> LOG.warning(() -> name + ": cannot disarm: " + e));
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
        LOG.warning(() -> name + ": rejected " + why);
    }

    private boolean checkSender(String linkName, String node, String from) {
        if (linkName.equals(link.name()) && node.equals(from) && link.spec().connects(from)) {
            return true;
        }
        reject("run message naming " + node + " on " + linkName + " from " + from);
        return false;
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
        if (!single || !covers(0, slot) || !covers(1, slot)) {
            return; // a failure, or a stray click outside both runs: runs hear only of heralds
        }
        long itemA = runs[0].queueItem();
        long itemB = runs[1].queueItem();
        HeraldOutcome outcome = itemA != itemB ? HeraldOutcome.MISMATCH
                : fired[0] ? HeraldOutcome.PSI_PLUS : HeraldOutcome.PSI_MINUS;
        if (outcome.success()) {
            heralds++;
        }
        reply(new HeraldingMessages.Reply(link.name(), ++seq, slot, outcome, itemA, itemB));
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
        if (!g.link().equals(link.name()) || !g.node().equals(from) || !link.spec().connects(from)) {
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
