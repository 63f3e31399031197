package org.qnetstack.network.internal;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.Priority;
import org.qnetstack.link.RequestType;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.messaging.Retransmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hops of this node's circuits: one {@link HopPool} per side of each part, fed with the hop's link pairs
 * (the hop's first node, its leader, asks the link layer for them), distilling them when the circuit says so
 * and handing a ready pair to {@link Swaps}. It routes a hop's distillation messages to the right pool and
 * answers a leader's repeated round from memory.
 *
 * <p>Messages in: DISTIL (at a follower), DISTIL-REPLY (at a leader); out: the same, through the pools.
 * Counts the rounds this node led, and how many kept their pair.
 */
final class HopDistillation {
    /** The service's logger, so that one logging level still governs the whole network layer of a node. */
    private static final Logger LOG = LoggerFactory.getLogger(CircuitNetworkService.class);

    private final CircuitParts parts;
    private final NodeContext ctx;
    private final RateLimitedLog offPath = RateLimitedLog.warnings(LOG);
    /** This node's recent answers to leaders' rounds, by circuit, leader and job. */
    private final Map<String, CircuitMessages.DistilReply> recentReplies = CircuitParts.bounded();
    private long rounds;
    private long roundsKept;

    HopDistillation(CircuitParts parts) {
        this.parts = parts;
        this.ctx = parts.ctx;
    }

    Map<String, CircuitMessages.DistilReply> recentReplies() {
        return recentReplies;
    }

    private static String replyKey(String circuit, String leader, long job) {
        return circuit + "|" + leader + "|" + job;
    }

    /** Gives a newly joined part its hops' pools (none towards the head at the head, none towards the tail at the tail). */
    void attach(Part part) {
        CircuitMessages.Setup s = part.setup;
        if (part.index > 0) {
            part.towardsHead = new HopPool(s.circuit(), s.path().get(part.index - 1), false, s.distillation(),
                    new PoolHost(part, true));
        }
        if (part.index < s.path().size() - 1) {
            part.towardsTail = new HopPool(s.circuit(), s.path().get(part.index + 1), true, s.distillation(),
                    new PoolHost(part, false));
        }
    }

    /**
     * A link pair for the part's circuit: into the pool of the hop it came over.
     *
     * @return false if it came from off the path (released)
     */
    boolean add(Part part, LinkPair pair) {
        CircuitMessages.Setup s = part.setup;
        boolean head = part.index > 0 && pair.remoteNode().equals(s.path().get(part.index - 1));
        HopPool pool = head ? part.towardsHead : part.towardsTail;
        if (pool == null || !pair.remoteNode().equals(head ? s.path().get(part.index - 1)
                : s.path().get(part.index + 1))) {
            ctx.operations.release(pair.qubit());
            offPath.log("{}: a pair for {} from off its path, released", ctx.node, s.circuit());
            return false;
        }
        pool.add(pair);
        return true;
    }

    /**
     * A leader's round, checked well formed by the caller: answered from memory if this node answered it
     * already, else followed by the pool of the hop towards that leader; ignored for a circuit this node has not
     * joined yet (the leader resends it).
     */
    void onDistil(CircuitMessages.Distil d, String from) {
        CircuitMessages.DistilReply answer = recentReplies.get(replyKey(d.circuit(), from, d.job()));
        Part p = parts.part(d.circuit());
        if (answer != null) {
            ctx.send(from, answer);
        } else if (p != null && p.towardsHead != null && p.index > 0
                && p.setup.path().get(p.index - 1).equals(from)
                && p.setup.distillation() != null && d.protocol() == p.setup.distillation().protocol()) {
            p.towardsHead.onDistil(d);
            parts.cutoffs.rearm(p);
        }
    }

    /** A follower's answer: to the pool of the hop towards that follower. */
    void onReply(CircuitMessages.DistilReply r, String from) {
        Part p = parts.part(r.circuit());
        if (p != null && p.towardsTail != null && p.setup.path().get(p.index + 1).equals(from)) {
            p.towardsTail.onReply(r);
            parts.cutoffs.rearm(p);
        }
    }

    long rounds() {
        return rounds;
    }

    long roundsKept() {
        return roundsKept;
    }

    /** What a hop's pool may do at this node, for one side of one circuit. */
    private final class PoolHost implements HopPool.Host {
        private final Part part;
        private final boolean towardsHead;

        PoolHost(Part part, boolean towardsHead) {
            this.part = part;
            this.towardsHead = towardsHead;
        }

        @Override
        public void send(String to, Object payload) {
            if (payload instanceof CircuitMessages.DistilReply r) {
                recentReplies.put(replyKey(r.circuit(), to, r.job()), r);
            }
            ctx.send(to, payload);
        }

        @Override
        public Retransmitter retransmitter() {
            return ctx.retransmitter;
        }

        @Override
        public LocalOperations operations() {
            return ctx.operations;
        }

        @Override
        public RandomGenerator random() {
            return ctx.random;
        }

        @Override
        public long now() {
            return ctx.now();
        }

        @Override
        public long giveUpNanos(String peer) {
            return parts.expires.giveUpNanos();
        }

        @Override
        public void supply(int pairs) {
            CircuitMessages.Setup s = part.setup;
            part.creates.add(ctx.link.create(new CreateRequest(s.path().get(part.index + 1), RequestType.KEEP, pairs,
                    s.hopFidelities().get(part.index), MeasureBasis.Z, s.purposeId())
                    .withPriority(Priority.NETWORK_LAYER)));
        }

        @Override
        public void ready(HeldPair pair) {
            parts.swaps.onReady(part, towardsHead, pair);
        }

        @Override
        public void abort(String reason) {
            parts.giveUp(part, reason);
        }

        @Override
        public void roundDone(boolean kept) {
            rounds++;
            if (kept) {
                roundsKept++;
            }
        }
    }
}
