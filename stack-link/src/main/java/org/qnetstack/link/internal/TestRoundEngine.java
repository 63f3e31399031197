package org.qnetstack.link.internal;

import org.qnetstack.hal.Basis;
import org.qnetstack.link.FidelityEstimate;
import org.qnetstack.link.LinkErrorCode;

/**
 * The test rounds of one link end. The master counts each round ({@link TestRounds}) once it knows both ends'
 * outcomes (a kept test pair: its own measurement and the other end's TEST_OUTCOME; a measure-directly one: both
 * outcomes at once) and ends the requests at that α whose minimum fidelity the rounds now show, at their
 * confidence, the link does not give. The other end measures its half and sends its outcome, once.
 */
final class TestRoundEngine {
    private final LinkContext ctx;
    private final DistributedQueue queue;
    private final TestRounds rounds;

    TestRoundEngine(LinkContext ctx, DistributedQueue queue) {
        this.ctx = ctx;
        this.queue = queue;
        this.rounds = new TestRounds(ctx.link::heraldedFidelity, ctx.retentionNanos);
    }

    /** The test rounds' estimate for pairs made at α (the model's value alone at the non-master end). */
    FidelityEstimate estimate(double alpha) {
        return rounds.estimate(alpha);
    }

    /** This end measured its half of a kept test pair: the master waits for the other end's outcome. */
    void measuredHere(long seq, double alpha, int bellIndex, Basis basis, int outcome) {
        if (ctx.master) {
            rounds.measuredHere(seq, new TestRounds.Pending(alpha, bellIndex, basis, outcome, ctx.now()));
        } else {
            ctx.send(new LinkMessages.TestOutcome(ctx.linkName, seq, outcome));
        }
    }

    /** Master: the other end's outcome of a kept test pair. */
    void onTestOutcome(LinkMessages.TestOutcome t) {
        TestRounds.Pending mine = rounds.takePending(t.seq());
        if (mine == null || (t.outcome() != 0 && t.outcome() != 1)) {
            ctx.reject("test outcome " + t.outcome() + " for herald " + t.seq() + ", which is no pending test round");
            return;
        }
        count(mine.alpha(), mine.bellIndex(), mine.basis(), mine.outcome(), t.outcome());
    }

    /**
     * Master: counts a test round, and ends the requests at that α whose minimum fidelity the test rounds
     * now show, at their confidence, the link does not give.
     */
    void count(double alpha, int bellIndex, Basis basis, int outcomeHere, int outcomeThere) {
        FidelityEstimate estimate = rounds.record(alpha, bellIndex, basis, outcomeHere, outcomeThere);
        for (QueueItem item : queue.open().toArray(QueueItem[]::new)) {
            if (item.add.alpha() == alpha && estimate.upper() < item.request.minFidelity()) {
                queue.endItem(item, LinkErrorCode.UNSUPP, String.format("test rounds show the link gives fidelity "
                        + "%.4f (%.0f%% interval %.4f..%.4f over %d rounds), below the minimum %.4f; ask for less, or "
                        + "use distillation", estimate.estimate(), 100 * estimate.confidence(), estimate.lower(),
                        estimate.upper(), estimate.testRounds(), item.request.minFidelity()));
            }
        }
    }

    /** Forgets the kept test pairs whose other outcome has not come within the retention. */
    void forgetLost(long now) {
        rounds.forgetLost(now);
    }

    int pending() {
        return rounds.pending();
    }

    /** The peer is gone, or the link closes: no outcome will come. The counts stay. */
    void forgetPending() {
        rounds.forgetPending();
    }
}
