package org.qnetstack.link.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.link.internal.LinkContext.Key;
import org.qnetstack.link.internal.LinkMessages.Verdict;
import org.qnetstack.physical.HeraldedPair;

/**
 * The agreement of both ends on each heralded pair. The station's replies can be lost at one end only, so a
 * herald does not make a pair by itself: each end holds its half until the master's decision. The other end
 * tells the master HOLD (sent again until the DECISION comes) or NOT_HELD; the master decides DELIVER when it
 * holds the same herald too and the request still wants the pair (or TEST, for a fraction of them), DISCARD when
 * the request has its pairs or has ended, and EXPIRE when it does not hold the herald itself (lost or rejected
 * here, or not seen within the confirmation wait), or when the other end's HOLD does not come within that wait
 * (or it says NOT_HELD). Decisions are final and the master answers every copy of a HOLD with the same one, so a
 * pair is delivered at both ends or at neither. Each end hands its pairs up in station sequence order, once
 * decided ({@link PairDelivery}).
 */
final class PairAgreement {
    private final LinkContext ctx;
    private final DistributedQueue queue;
    private final TestRoundEngine tests;
    private final PairDelivery delivery;
    /** This end's halves of heralded pairs, by station sequence number, until handed up or released. */
    private final TreeMap<Long, HeldPair> held = new TreeMap<>();
    /** Master: decisions the other end may still ask about. */
    private final TreeMap<Long, LinkMessages.Decision> decisions = new TreeMap<>();
    /** Master: HOLDs for heralds this end has not settled yet, with the timer that gives up waiting. */
    private final TreeMap<Long, TimerHandle> peerHolds = new TreeMap<>();
    /** Master: the other end's HOLDs of measure-directly pairs not decided yet (their axes and outcomes). */
    private final Map<Long, LinkMessages.Hold> peerMeasurements = new HashMap<>();

    PairAgreement(LinkContext ctx, DistributedQueue queue, TestRoundEngine tests, PairDelivery delivery) {
        this.ctx = ctx;
        this.queue = queue;
        this.tests = tests;
        this.delivery = delivery;
    }

    /** Pairs held at this end, not yet decided or handed up. */
    int heldPairs() {
        return held.size();
    }

    /** Master: decisions kept for the other end's late HOLDs (only the most recent few: pruned by each HOLD). */
    int decisionsKept() {
        return decisions.size();
    }

    /** A pair was heralded here. */
    void onHerald(HeraldedPair pair) {
        long seq = pair.stationSeq();
        QueueItem item = queue.item(pair.queueItem());
        if (ctx.closed || item == null || (ctx.master && decisions.containsKey(seq))) {
            // Unknown item, or the master already gave this herald up while waiting for it.
            ctx.releaseQubit(pair.qubit());
            onHeraldsLost(seq, seq);
            return;
        }
        HeldPair h = new HeldPair(pair, item);
        held.put(seq, h);
        item.undecided++;
        item.unsettled++;
        if (ctx.master) {
            if (peerHolds.containsKey(seq)) {
                decideHeldAtBoth(h);
            } else {
                h.confirmWait = ctx.scheduler.schedule(ctx.confirmWaitNanos, () -> {
                    if (h.verdict == null) {
                        LinkEndpoint.LOG.debug("{}: {} never confirmed herald {}", ctx.node, ctx.peer, seq);
                        decide(h, Verdict.EXPIRE, null);
                    }
                });
            }
            settlePeerHolds();
        } else {
            sendHold(h);
        }
    }

    /** This end will never hold pairs with these numbers. */
    void onHeraldsLost(long fromSeq, long toSeq) {
        LinkEndpoint.LOG.debug("{} on {}: heralds {}..{} not held here", ctx.node, ctx.linkName, fromSeq, toSeq);
        if (ctx.master) {
            settlePeerHolds();
        } else {
            ctx.send(new LinkMessages.NotHeld(ctx.linkName, fromSeq, toSeq));
        }
    }

    /** Non-master: HOLD until the master's decision comes. */
    private void sendHold(HeldPair h) {
        long seq = h.pair.stationSeq();
        long undecidedFrom = held.firstKey();
        ctx.sendReliably(new Key("hold", seq), new LinkMessages.Hold(ctx.linkName, seq, h.item.add.itemId(),
                undecidedFrom, h.pair.axis(), h.pair.outcome()), () -> {
                    // The master has not answered for far longer than it ever waits: the link is down.
                    ctx.warnings.log("{}: {} never decided herald {}; giving the pair up", ctx.node, ctx.peer, seq);
                    settle(h, Verdict.EXPIRE, null, 0);
                });
    }

    /** Non-master: the master's decision on a herald. */
    void onDecision(LinkMessages.Decision d) {
        HeldPair h = held.get(d.seq());
        if (h == null || h.verdict != null) {
            return; // a copy
        }
        if (d.verdict() == Verdict.TEST && h.pair.qubit() >= 0 && d.testBasis() == null) {
            ctx.reject("test decision for kept herald " + d.seq() + " without a basis");
            return;
        }
        ctx.acknowledge("hold", d.seq());
        settle(h, d.verdict(), d.testBasis(), d.goodness());
    }

    /** Master: the other end holds this herald. */
    void onHold(LinkMessages.Hold hold) {
        long seq = hold.seq();
        decisions.headMap(Math.min(hold.undecidedFrom(), seq)).clear(); // settled there: never asked again
        LinkMessages.Decision known = decisions.get(seq);
        HeldPair h = held.get(seq);
        if (known != null) {
            ctx.send(known);
            return;
        }
        if (hold.axis() != null) {
            peerMeasurements.put(seq, hold);
        }
        if (h != null) {
            decideHeldAtBoth(h);
        } else if (seq <= ctx.below().settledStationSeq()) {
            decide(seq, Verdict.EXPIRE, null); // taken in here without a pair: lost, late or rejected
        } else if (!peerHolds.containsKey(seq)) {
            // Our own reply is still on its way (or lost): wait for it, but not for ever.
            peerHolds.put(seq, ctx.scheduler.schedule(ctx.confirmWaitNanos, () -> giveUpWaitingFor(seq)));
        }
    }

    private void giveUpWaitingFor(long seq) {
        if (peerHolds.remove(seq) == null || held.containsKey(seq)) {
            return;
        }
        if (seq <= ctx.below().lastStationSeq()) {
            // Taken in but still moving to storage: its hand-up is close, wait again.
            peerHolds.put(seq, ctx.scheduler.schedule(ctx.confirmWaitNanos, () -> giveUpWaitingFor(seq)));
            return;
        }
        decide(seq, Verdict.EXPIRE, null); // if the herald comes after all, onHerald releases it
    }

    /** Master: HOLDs waiting for heralds this end has now settled. */
    private void settlePeerHolds() {
        long settled = ctx.below().settledStationSeq();
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

    /** Master: the other end will never hold these heralds. */
    void onNotHeld(LinkMessages.NotHeld n) {
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
        boolean wanted = !item.ended && queue.isOpen(item) && item.delivered < item.add.number();
        if (!wanted) {
            decide(h, Verdict.DISCARD, null);
            return;
        }
        double fraction = item.request.testFraction();
        if (fraction > 0) {
            if (h.pair.qubit() >= 0) {
                if (ctx.random.nextDouble() < fraction) {
                    decide(h, Verdict.TEST, Basis.values()[ctx.random.nextInt(3)]);
                    return;
                }
            } else {
                LinkMessages.Hold theirs = peerMeasurements.get(h.pair.stationSeq());
                Basis mine = h.pair.axis() == null ? null : h.pair.axis().pauli();
                if (theirs != null && mine != null && h.pair.axis().equals(theirs.axis())
                        && ctx.random.nextDouble() < fraction) {
                    tests.count(item.add.alpha(), h.pair.bellIndex(), mine, h.pair.outcome(), theirs.outcome());
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
        double goodness = h == null ? 0 : tests.estimate(h.item.add.alpha()).goodness();
        LinkMessages.Decision d = new LinkMessages.Decision(ctx.linkName, seq, verdict, testBasis, goodness);
        decisions.put(seq, d);
        peerMeasurements.remove(seq);
        ctx.send(d);
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
        h.cancelConfirmWait();
        QueueItem item = h.item;
        item.undecided--;
        if (verdict == Verdict.DELIVER) {
            item.delivered++;
            if (item.delivered >= item.add.number()) {
                queue.completed(item);
            }
        }
        while (!held.isEmpty() && held.firstEntry().getValue().verdict != null) {
            delivery.handUpOrRelease(held.pollFirstEntry().getValue());
        }
        ctx.below().reconsider(); // the item may be complete, or want more attempts
    }

    /** Releases every half held here (the peer is gone, or the link closes): none will be decided. */
    void releaseHeld() {
        for (HeldPair h : held.values()) {
            h.cancelConfirmWait();
            ctx.releaseQubit(h.pair.qubit());
        }
        held.clear(); // their items' unsettled counts stay: they mark the items that lose pairs
    }

    /** Forgets every decision and every HOLD of the other end (the peer is gone, or the link closes). */
    void forgetPeer() {
        decisions.clear();
        peerHolds.values().forEach(TimerHandle::cancel);
        peerHolds.clear();
        tests.forgetPending();
        peerMeasurements.clear();
    }

    /** The sizes of what the agreement keeps, in the order {@link LinkEndpoint#retained()} lists them. */
    void retained(Map<String, Integer> sizes) {
        sizes.put("held", held.size());
        sizes.put("peerHolds", peerHolds.size());
        sizes.put("pendingTests", tests.pending());
        sizes.put("peerMeasurements", peerMeasurements.size());
    }
}
