package org.qnetstack.link.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.FidelityEstimate;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.messaging.MessageHandlers;
import org.qnetstack.physical.AttemptSource;
import org.qnetstack.physical.LinkModel;
import org.qnetstack.physical.PhysicalLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's end of one link, composed of protocol engines that share a {@link LinkContext}: the distributed
 * queue ({@link DistributedQueue}), the agreement on each heralded pair ({@link PairAgreement}, which hands
 * decided pairs up through {@link PairDelivery}), the test rounds ({@link TestRoundEngine}), the attempt source
 * the heralding protocol below serves ({@link AttemptServer}, items chosen by the {@link LinkScheduler}), and
 * peer-down handling ({@link PeerLiveness}). End A of the link is the master: it numbers every item, fixes the
 * slot from which both ends serve it, decides the fate of every heralded pair, and keeps the fidelity estimates
 * of the test rounds. This class routes the peer's messages to the engines and forgets old records.
 *
 * <p><b>Forgetting.</b> A request's record (its item, and an END that overtook its ADD) is kept after the request
 * is over at this end for {@link #retentionNanos()}, three times the longest a message is sent again: every copy
 * of a message about it, and every herald of an attempt made for it, comes within that time and is answered as
 * while it ran. Then the record is forgotten, lazily (when a message or a request comes, or the counts are read),
 * so that a long-lived link holds only the requests of the last moments; a copy later still is recognised as
 * stale by its create id (ids grow at each node) and ignored.
 */
final class LinkEndpoint {
    static final Logger LOG = LoggerFactory.getLogger(LinkEndpoint.class);

    private final LinkContext ctx;
    private final DistributedQueue queue;
    private final TestRoundEngine tests;
    private final PairDelivery delivery;
    private final PairAgreement agreement;
    private final AttemptServer attempts;
    private final PeerLiveness liveness;
    private final LinkBelow below;
    private final MessageHandlers handlers;

    /** The node's end of one of its links, served by the physical layer's heralding protocol. */
    LinkEndpoint(PhysicalLayer physical, LinkModel link, ClassicalNetwork network, LinkUpcalls up,
                 long noResourceNanos) {
        this(new LinkContext(physical.node(), link, physical.operations(), physical.memory(), physical.scheduler(),
                network, up, physical.random("link/" + physical.node() + "/" + link.name())), noResourceNanos,
                source -> new HeraldingBelow(physical.heralding(link, network, source)));
    }

    /** An end served by whatever {@code below} makes for its attempt source (a test scripts its own). */
    LinkEndpoint(LinkContext ctx, long noResourceNanos, Function<AttemptSource, LinkBelow> below) {
        this.ctx = ctx;
        this.queue = new DistributedQueue(ctx);
        this.tests = new TestRoundEngine(ctx, queue);
        this.delivery = new PairDelivery(ctx, queue, tests);
        this.agreement = new PairAgreement(ctx, queue, tests, delivery);
        this.attempts = new AttemptServer(ctx, queue, agreement, noResourceNanos);
        this.liveness = new PeerLiveness(ctx, queue, agreement, attempts);
        this.below = below.apply(attempts);
        ctx.attach(this.below);
        this.handlers = handlers();
        ctx.network().register(ctx.node, ctx.protocol(), this::onMessage);
        this.below.start();
    }

    String peer() {
        return ctx.peer;
    }

    LinkModel link() {
        return ctx.link;
    }

    /** The attempt source the heralding protocol serves. */
    AttemptSource attemptSource() {
        return attempts;
    }

    long attempts() {
        return below.attempts();
    }

    long deviceFailures() {
        return below.deviceFailures();
    }

    long rejectedMessages() {
        return ctx.rejectedMessages();
    }

    /** Pairs given up with EXPIRE at this end. */
    long expired() {
        return delivery.expired();
    }

    /** Pairs released silently (their request had its pairs or had ended). */
    long discarded() {
        return delivery.discarded();
    }

    /** Pairs sacrificed as test rounds at this end. */
    long tested() {
        return delivery.tested();
    }

    /** Messages sent again for want of an acknowledgement. */
    long retransmissions() {
        return ctx.retransmissions();
    }

    /** How long a request's record is kept after it is over here: beyond every copy of a message about it. */
    long retentionNanos() {
        return ctx.retentionNanos;
    }

    /** Late copies of messages about requests already forgotten, ignored. */
    long staleCopies() {
        return queue.staleCopies();
    }

    /**
     * What this end keeps per request and per pair, once the records older than {@link #retentionNanos()} are
     * forgotten: for tests and soak runs that check that nothing grows with the requests served.
     */
    Map<String, Integer> retained() {
        forgetOldRecords();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        queue.retained(sizes);
        agreement.retained(sizes);
        sizes.put("outstanding", ctx.outstanding());
        return sizes;
    }

    /** Master: decisions kept for the other end's late HOLDs (only the most recent few: pruned by each HOLD). */
    int decisionsKept() {
        return agreement.decisionsKept();
    }

    /** Pairs held at this end, not yet decided or handed up. */
    int heldPairs() {
        return agreement.heldPairs();
    }

    void setNoResourceNanos(long nanos) {
        attempts.setNoResourceNanos(nanos);
    }

    void setQueueLimit(int limit) {
        queue.setQueueLimit(limit);
    }

    /** The test rounds' estimate for pairs made at α (the model's value alone at the non-master end). */
    FidelityEstimate fidelityEstimate(double alpha) {
        return tests.estimate(alpha);
    }

    /** See {@link AttemptServer#expectedServiceNanos}. */
    long expectedServiceNanos(CreateRequest request, double alpha) {
        return attempts.expectedServiceNanos(request, alpha);
    }

    /** The shortest time any pair can take from a CREATE: the queue's lead, one slot, the herald's flight. */
    long minimumPairNanos() {
        return attempts.minimumPairNanos();
    }

    void submit(CreateId createId, CreateRequest request, double alpha, double goodness, long deadlineNanos) {
        forgetOldRecords();
        queue.submit(createId, request, alpha, goodness, deadlineNanos);
    }

    /** Cancels the request here and at the peer; false if it is not open at this end. */
    boolean cancel(CreateId createId) {
        return queue.cancel(createId);
    }

    /** Forgets the records of requests over for longer than the retention. */
    private void forgetOldRecords() {
        long now = ctx.now();
        queue.forgetOldRecords(now);
        tests.forgetLost(now);
    }

    private void onMessage(Envelope e) {
        if (ctx.closed || liveness.isDown()) {
            return;
        }
        forgetOldRecords();
        if (!e.from().equals(ctx.peer)) {
            ctx.reject("message from " + e.from() + ", who is not at the other end");
            return;
        }
        handlers.accept(e);
    }

    /**
     * The messages each role serves, by class (the master runs the queue and decides; the other end asks, holds
     * and follows); any other message, or one about another link, is rejected and counted.
     */
    private MessageHandlers handlers() {
        MessageHandlers.Builder b = MessageHandlers.builder();
        if (ctx.master) {
            b.on(LinkMessages.AddRequest.class, (r, from) -> ifThisLink(r.link(), r, queue::onAddRequest))
                    .on(LinkMessages.AddAck.class, (a, from) -> ifThisLink(a.link(), a, queue::onAddAck))
                    .on(LinkMessages.Hold.class, (h, from) -> ifThisLink(h.link(), h, agreement::onHold))
                    .on(LinkMessages.NotHeld.class, (n, from) -> ifThisLink(n.link(), n, agreement::onNotHeld))
                    .on(LinkMessages.EndRequest.class, (r, from) -> ifThisLink(r.link(), r, queue::onEndRequest))
                    .on(LinkMessages.TestOutcome.class, (t, from) -> ifThisLink(t.link(), t, tests::onTestOutcome))
                    .on(LinkMessages.EndAck.class, (a, from) -> ifThisLink(a.link(), a, queue::onEndAck));
        } else {
            b.on(LinkMessages.Add.class, (a, from) -> ifThisLink(a.link(), a, queue::onAdd))
                    .on(LinkMessages.Decision.class, (d, from) -> ifThisLink(d.link(), d, agreement::onDecision))
                    .on(LinkMessages.End.class, (end, from) -> ifThisLink(end.link(), end, queue::onEnd));
        }
        return b.otherwise(e -> ctx.reject("unexpected " + describe(e.payload()))).build();
    }

    private <M> void ifThisLink(@Nullable String link, M message, Consumer<M> handler) {
        if (ctx.linkName.equals(link)) {
            handler.accept(message);
        } else {
            ctx.reject("unexpected " + describe(message));
        }
    }

    private static String describe(@Nullable Object payload) {
        return payload == null ? "empty message" : payload.getClass().getSimpleName();
    }

    boolean isPeerDown() {
        return liveness.isDown();
    }

    /** See {@link PeerLiveness#peerDown()}. */
    int peerDown() {
        return liveness.peerDown();
    }

    /** See {@link PeerLiveness#peerUp()}. */
    void peerUp() {
        liveness.peerUp();
    }

    /** Stops attempting, releases the qubits of attempts in flight and of pairs not yet handed up, forgets the queue. */
    void close() {
        ctx.closed = true;
        below.stop();
        ctx.network().unregister(ctx.node, ctx.protocol());
        ctx.cancelReliableSends();
        agreement.releaseHeld();
        queue.close();
        agreement.forgetPeer();
        attempts.cancelNoResourceWatch();
    }
}
