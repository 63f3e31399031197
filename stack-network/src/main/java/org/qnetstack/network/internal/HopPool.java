package org.qnetstack.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.link.LinkPair;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.messaging.Retransmitter;

/**
 * One node's end of one hop of a circuit: it collects the hop's link pairs and, when the circuit distils,
 * runs the recurrence (two pairs of level k make at most one of level k + 1) until a pair of the circuit's
 * level is ready for the swap or the join. The hop's first node is its leader: it asks the link layer for
 * pairs, chooses which two pairs go into a round, applies its half, and sends its outcome with the pair ids
 * (and BBPSSW's twirls, one per pair); the follower applies its half to the same pairs, decides, and answers with its
 * outcome, so the round costs one round trip. The leader resends until answered and the follower's node
 * answers repeats from memory; a round left unanswered too long gives the whole circuit up.
 */
final class HopPool {
    /** What a pool needs from its node. */
    interface Host {
        void send(String to, Object payload);

        Retransmitter retransmitter();

        LocalOperations operations();

        RandomGenerator random();

        long now();

        /** How long a leader waits for an answer before it gives the circuit up, in ns. */
        long giveUpNanos(String peer);

        /** Leader only: ask the link layer for more pairs on this hop. */
        void supply(int pairs);

        /** A pair of the circuit's level: the pool's output. */
        void ready(HeldPair pair);

        /** The round could not be agreed: give the circuit up. */
        void abort(String reason);

        /** A round finished at the leader (counted for reports). */
        void roundDone(boolean kept);
    }

    private record Job(long id, HeldPair first, HeldPair second, DistillationRound.Twirls twirls, int outcome) {
    }

    private record JobKey(String circuit, String peer, long job) {
    }

    private final String circuit;
    private final String peer;
    private final boolean leader;
    private final @Nullable Distillation distillation;
    private final Host host;
    private final List<HeldPair> held = new ArrayList<>();
    private final Map<Long, Job> jobs = new HashMap<>();
    private final Map<Long, CircuitMessages.Distil> parked = new LinkedHashMap<>();
    private int outstanding;
    private long nextJob;
    private boolean done;

    HopPool(String circuit, String peer, boolean leader, @Nullable Distillation distillation, Host host) {
        this.circuit = circuit;
        this.peer = peer;
        this.leader = leader;
        this.distillation = distillation;
        this.host = host;
    }

    private int rounds() {
        return distillation == null ? 0 : distillation.rounds();
    }

    /** Starts the hop: the leader asks for the pairs one delivered pair needs if every round succeeds. */
    void start() {
        topUp();
    }

    void add(LinkPair pair) {
        if (leader) {
            outstanding = Math.max(0, outstanding - 1);
        }
        held.add(HeldPair.of(pair));
        progress();
    }

    private void progress() {
        if (done) {
            return;
        }
        for (Iterator<HeldPair> it = held.iterator(); it.hasNext(); ) {
            HeldPair p = it.next();
            if (p.level() == rounds()) {
                it.remove();
                done = true;
                host.ready(p);
                return;
            }
        }
        if (leader) {
            startRounds();
        } else {
            List<CircuitMessages.Distil> waiting = new ArrayList<>(parked.values());
            for (CircuitMessages.Distil d : waiting) {
                if (holds(d)) {
                    parked.remove(d.job());
                    follow(d);
                }
            }
        }
    }

    /** Leader: any two pairs of one level go into a round. */
    private void startRounds() {
        for (int level = 0; level < rounds(); level++) {
            HeldPair first = null;
            for (HeldPair p : List.copyOf(held)) {
                if (p.level() != level) {
                    continue;
                }
                if (first == null) {
                    first = p;
                } else {
                    held.remove(first);
                    held.remove(p);
                    lead(first, p);
                    first = null;
                }
            }
        }
    }

    private void lead(HeldPair first, HeldPair second) {
        DistillationProtocol protocol = distillation.protocol();
        DistillationRound.Twirls twirls = DistillationRound.Twirls.draw(protocol, host.random());
        int outcome = DistillationRound.apply(host.operations(), true, protocol, twirls, first.qubit(),
                second.qubit());
        Job job = new Job(nextJob++, first, second, twirls, outcome);
        jobs.put(job.id(), job);
        CircuitMessages.Distil message = new CircuitMessages.Distil(circuit, job.id(), first.id(), second.id(),
                protocol, twirls.first(), twirls.second(), outcome);
        host.retransmitter().send(new JobKey(circuit, peer, job.id()), host.giveUpNanos(peer),
                () -> host.send(peer, message), () -> {
                    // Unanswered: the follower may have kept its half or not; only giving the circuit up is safe.
                    if (jobs.remove(job.id()) != null) {
                        host.operations().release(first.qubit());
                        host.abort("no answer from " + peer + " to distillation round " + job.id());
                    }
                });
    }

    void onReply(CircuitMessages.DistilReply reply) {
        Job job = jobs.remove(reply.job());
        if (job == null || !leader) {
            return; // a repeat of an answer already used
        }
        host.retransmitter().acknowledge(new JobKey(circuit, peer, job.id()));
        finish(job.first(), job.second(), job.twirls(), job.outcome(), reply.outcome());
    }

    void onDistil(CircuitMessages.Distil d) {
        // Repeats of rounds already answered are answered by the node from its memory of recent replies.
        if (holds(d)) {
            follow(d);
        } else {
            // The link layer hands the pairs to the two ends at slightly different times: wait for them.
            parked.put(d.job(), d);
        }
    }

    private boolean holds(CircuitMessages.Distil d) {
        return find(d.first()) != null && find(d.second()) != null && !d.first().equals(d.second());
    }

    private @Nullable HeldPair find(org.qnetstack.link.EntanglementId id) {
        for (HeldPair p : held) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    private void follow(CircuitMessages.Distil d) {
        HeldPair first = find(d.first());
        HeldPair second = find(d.second());
        held.remove(first);
        held.remove(second);
        int outcome = DistillationRound.apply(host.operations(), false, d.protocol(), d.twirls(), first.qubit(),
                second.qubit());
        CircuitMessages.DistilReply reply = new CircuitMessages.DistilReply(circuit, d.job(), outcome);
        host.send(peer, reply);
        finish(first, second, d.twirls(), d.outcome(), outcome);
    }

    /** Both ends reach the same decision and the same Bell index from the same outcomes. */
    private void finish(HeldPair first, HeldPair second, DistillationRound.Twirls twirls, int leaderOutcome,
                        int followerOutcome) {
        DistillationProtocol protocol = distillation.protocol();
        DistillationRound.Frames frames = DistillationRound.frames(protocol, twirls, first.bell(), second.bell());
        boolean kept = DistillationRound.agree(frames, leaderOutcome, followerOutcome);
        if (kept) {
            BellDiagonal estimate = BellDiagonal.round(protocol, first.estimate(), second.estimate()).kept();
            held.add(new HeldPair(first.link(), frames.keptBell(), estimate, Math.min(first.born(), second.born()),
                    first.level() + 1));
        } else {
            host.operations().release(first.qubit());
        }
        if (leader) {
            host.roundDone(kept);
            topUp();
        }
        progress();
    }

    /** Leader: ask for as many pairs as are missing for one pair of the circuit's level, every round succeeding. */
    private void topUp() {
        if (!leader || done) {
            return;
        }
        long worth = outstanding;
        for (HeldPair p : held) {
            worth += 1L << p.level();
        }
        for (Job j : jobs.values()) {
            worth += 1L << (j.first().level() + 1);
        }
        long missing = (1L << rounds()) - worth;
        if (missing > 0) {
            outstanding += (int) missing;
            host.supply((int) missing);
        }
    }

    /** Herald time of the oldest pair this end holds for the hop, or Long.MAX_VALUE. */
    long oldestBorn() {
        long oldest = Long.MAX_VALUE;
        for (HeldPair p : held) {
            oldest = Math.min(oldest, p.born());
        }
        for (Job j : jobs.values()) {
            oldest = Math.min(oldest, j.first().born());
        }
        return oldest;
    }

    /** Frees every qubit the pool holds and stops its resends (the circuit ended or was given up). */
    void release() {
        for (HeldPair p : held) {
            host.operations().release(p.qubit());
        }
        held.clear();
        for (Job j : jobs.values()) {
            host.retransmitter().acknowledge(new JobKey(circuit, peer, j.id()));
            host.operations().release(j.first().qubit());
        }
        jobs.clear();
        parked.clear();
    }
}
