package org.qnetstack.network.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.DemandId;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.FidelityTesting;
import org.qnetstack.network.MeasuredFidelity;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;
import org.qnetstack.network.Refusal;

/**
 * What a node heads: for each socket and remote node, the pairs it still owes, over which path, under which
 * policy and reservation. It admits a request (with the network's controller, or on the shortest path),
 * announces one circuit per end-to-end pair to every node of the path (SETUP), paced to the reserved rate,
 * starts a fresh circuit when one is given up (at most {@link #MAX_RESTARTS} in a row), and gives the
 * reservation back when the request completes, fails or is cancelled.
 *
 * <p>A request with a {@code maxTimeNanos} that still owes pairs when its time is up fails with TIMEOUT for the
 * pairs it still owes (the link layer does the same for a request over one link): without it, a circuit that
 * stalls (a peer that restarted mid-setup, a message lost for good) would leave the socket waiting forever. If
 * the demand then owes nothing more, its circuit in the making is given up at every node of its path.
 *
 * <p>Messages out: SETUP. Timers: the pacer, each request's deadline. What it announces, this node joins at once
 * as the path's head (through the {@code join} callback); a circuit it gives up because of a deadline or a cancel goes
 * through the {@code giveUp} callback.
 */
final class HeadDemands {
    /** Purpose ids of circuits, apart from the socket ids applications use. */
    static final int CIRCUIT_PURPOSE_BASE = 1 << 30;
    /** Circuits given up in a row (cutoff or unanswered rounds) before the request is failed. */
    static final int MAX_RESTARTS = 100;
    /** Below the model's fidelity a hop asks of its link, for rounding in the link layer's choice of α. */
    static final double HOP_FIDELITY_SLACK = 1e-9;

    private final NodeContext ctx;
    private final Routes routes;
    private final Consumer<CircuitMessages.Setup> join;
    private final GiveUp giveUp;
    /** The test pairs drawn for each socket and remote node. */
    private final TestDraws tests;
    /** What the head owes, by socket id and remote node. */
    private final Map<String, Demand> demands = new LinkedHashMap<>();
    private long nextCircuit;
    private long nextRequest;

    /** What the head still owes a socket and remote node, and what it reserved for it. */
    private static final class Demand {
        final int socketId;
        final List<String> path;
        final List<Double> hopFidelities;
        final CircuitPolicy policy;
        final AdmissionController.@Nullable Reservation reservation;
        /** The minimum fidelity asked, which verification checks. */
        double minFidelity;
        /** The request's test pairs, or null; which pairs are tests is drawn from {@code tests}. */
        @Nullable FidelityTesting testing;
        TestDraws.@Nullable Tests tests;
        /** Pacing: the n-th pair starts no earlier than firstStart + n / rate. */
        final double periodNanos;
        long firstStart = -1;
        long started;
        @Nullable TimerHandle pacer;
        int remaining;
        int restarts;
        /** The requests the demand serves, oldest first: the pairs each still owes, and its deadline. */
        final ArrayDeque<Owed> owed = new ArrayDeque<>();

        Demand(int socketId, List<String> path, List<Double> hopFidelities, CircuitPolicy policy,
               AdmissionController.@Nullable Reservation reservation) {
            this.socketId = socketId;
            // Immutable once, so that every setup of the demand shares one list (List.copyOf returns it as is).
            this.path = List.copyOf(path);
            this.hopFidelities = List.copyOf(hopFidelities);
            this.policy = policy;
            this.reservation = reservation;
            this.periodNanos = reservation == null || reservation.pairsPerSecond() == 0 ? 0
                    : 1e9 / reservation.pairsPerSecond();
        }

        String remote() {
            return path.get(path.size() - 1);
        }
    }

    /**
     * One request of a demand: its id, the pairs it still owes, how its ends measure them (null: kept), and the
     * timer of its maxTime (null: no limit).
     */
    private static final class Owed {
        final DemandId id;
        int pairs;
        final CircuitMessages.@Nullable Measured measure;
        @Nullable TimerHandle deadline;

        Owed(DemandId id, int pairs, CircuitMessages.@Nullable Measured measure) {
            this.id = id;
            this.pairs = pairs;
            this.measure = measure;
        }
    }

    /** Gives up the circuit in the making that this node heads for a socket over a path. */
    @FunctionalInterface
    interface GiveUp {
        void circuit(int socketId, List<String> path, String reason);
    }

    /**
     * @param join   called with every setup this node announces, for its own part as the head
     * @param giveUp called when a demand ends at a deadline or a cancel, to give up its circuit in the making
     */
    HeadDemands(NodeContext ctx, Routes routes, Consumer<CircuitMessages.Setup> join, GiveUp giveUp) {
        this.ctx = ctx;
        this.routes = routes;
        this.join = join;
        this.giveUp = giveUp;
        this.tests = new TestDraws(ctx.node, ctx.topology.seed());
    }

    private static String demandKey(int socketId, String remote) {
        return socketId + ">" + remote;
    }

    /**
     * Adds a request's pairs to its socket and remote node's demand (a new demand takes the controller's path
     * and reservation, or the shortest path), and starts a circuit if none was running.
     *
     * @return the request's id, or null if the request is for a neighbour over a plain link: the caller asks the
     * link layer directly
     * @throws org.qnetstack.network.AdmissionException if the controller refuses it
     * @throws NoRouteException if the controller's path goes through a node that is down
     */
    @Nullable DemandId request(PairRequest r, List<String> shortest) {
        String key = demandKey(r.socketId(), r.remoteNode());
        Demand d = demands.get(key);
        if (d == null) {
            d = newDemand(r, shortest);
            if (d == null) {
                return null;
            }
            d.minFidelity = r.minFidelity();
            d.testing = r.testing();
            if (d.testing != null) {
                // Its own stream, so that tests draw nothing from the node's (runs without tests are unchanged).
                d.tests = tests.of(key);
            }
            demands.put(key, d);
        }
        boolean idle = d.remaining == 0;
        d.remaining += r.number();
        DemandId id = new DemandId(ctx.node, nextRequest++, true);
        Owed owed = new Owed(id, r.number(), r.type() == RequestType.MEASURE
                ? new CircuitMessages.Measured(r.localBasis(), r.remoteBasis()) : null);
        d.owed.add(owed);
        if (r.maxTimeNanos() > 0) {
            Demand demand = d;
            owed.deadline = ctx.scheduler.schedule(r.maxTimeNanos(), () -> timedOut(demand, owed, r.maxTimeNanos()));
        }
        if (idle) {
            startCircuit(d);
        }
        return id;
    }

    /**
     * Cancels one request this node heads: the pairs it still owes are dropped from its demand, and if the demand
     * owes nothing more, it ends and its circuit in the making is given up (the caller's {@code giveUp}), its
     * reservation returned. The socket's other requests go on.
     *
     * @return false if no request with that id is open here
     */
    boolean cancel(DemandId id) {
        for (Demand d : demands.values()) {
            for (Owed owed : d.owed) {
                if (owed.id.equals(id)) {
                    drop(d, owed, "cancelled by " + ctx.node);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The request whose pair a circuit that this node heads delivers now (the oldest its demand serves), or null
     * if the demand is gone.
     */
    @Nullable DemandId requestServed(CircuitMessages.Setup s) {
        Demand d = demandOf(s);
        Owed oldest = d == null ? null : d.owed.peek();
        return oldest == null ? null : oldest.id;
    }

    /**
     * A request's maxTime is up and it still owes pairs: they are failed with TIMEOUT, and if the demand owes
     * nothing more, it ends and its circuit in the making is given up.
     */
    private void timedOut(Demand d, Owed owed, long maxTimeNanos) {
        owed.deadline = null;
        if (demands.get(demandKey(d.socketId, d.remote())) != d || !d.owed.contains(owed)) {
            return;
        }
        drop(d, owed, "request timed out at " + ctx.node);
        String reason = owed.pairs + " pair(s) to " + d.remote() + " over " + String.join("-", d.path)
                + " did not come within maxTime " + maxTimeNanos + " ns";
        PairListener listener = ctx.listener(d.socketId);
        if (listener != null) {
            listener.onError(new NetworkError(d.socketId, d.remote(), LinkErrorCode.TIMEOUT, reason
                    + ": ask again, with a longer maxTime or a lower minFidelity"));
        }
    }

    /** The head's plan for a request: the controller's path and reservation, or the shortest path; null: direct. */
    private @Nullable Demand newDemand(PairRequest r, List<String> shortest) {
        Distillation distillation = r.policy().distillation();
        // A best-effort request is served as without a controller: shortest path, each hop its share.
        AdmissionController controller = r.admitted() ? ctx.controller : null;
        if (controller == null) {
            double f = LinkEstimates.linkFidelityFor(r.minFidelity(), shortest.size() - 1, distillation);
            return new Demand(r.socketId(), shortest, Collections.nCopies(shortest.size() - 1, f), r.policy(), null);
        }
        AdmissionController.Reservation res = controller.admit(ctx.node, r.remoteNode(), r.minFidelity(), r.policy(),
                r.pairsPerSecond());
        List<String> path = res.route().path();
        String dead = routes.firstDown(path);
        if (dead != null) {
            controller.release(res);
            throw new NoRouteException(ctx.node, r.remoteNode(), "the controller's path " + path + " goes through "
                    + dead + ", which is down (crashed or cut off); retry once it is back");
        }
        if (path.size() == 2 && r.policy().equals(CircuitPolicy.NONE) && r.pairsPerSecond() == 0
                && r.testing() == null) {
            return null;
        }
        // Each hop is asked for what the controller planned with (its operating point), so the estimate holds.
        List<Double> hops = new ArrayList<>();
        for (double f : res.hopFidelities()) {
            hops.add(f - HOP_FIDELITY_SLACK);
        }
        return new Demand(r.socketId(), path, hops, r.policy(), res);
    }

    /**
     * Ends every demand of the socket, telling {@code ended} the path of each (its circuit in the making is
     * the caller's to give up) right after it ends.
     *
     * @return whether the socket had any
     */
    boolean cancel(int socketId, Consumer<List<String>> ended) {
        boolean any = false;
        for (Demand d : List.copyOf(demands.values())) {
            if (d.socketId == socketId) {
                any = true;
                endDemand(d);
                ended.accept(d.path);
            }
        }
        return any;
    }

    /**
     * One request of the demand ends before its pairs came: they are no longer owed, and a demand that then owes
     * nothing ends, its circuit in the making given up.
     */
    private void drop(Demand d, Owed owed, String reason) {
        d.owed.remove(owed);
        if (owed.deadline != null) {
            owed.deadline.cancel();
            owed.deadline = null;
        }
        d.remaining -= owed.pairs;
        if (d.remaining <= 0) {
            endDemand(d);
            giveUp.circuit(d.socketId, d.path, reason);
        }
    }

    /** Forgets the tests of a socket that stopped listening, at every remote node. */
    void forgetTests(int socketId) {
        tests.forget(socketId);
    }

    /** The head is done with a demand: stop pacing, give the reservation back. */
    private void endDemand(Demand d) {
        demands.remove(demandKey(d.socketId, d.remote()));
        if (d.pacer != null) {
            d.pacer.cancel();
            d.pacer = null;
        }
        for (Owed o : d.owed) {
            if (o.deadline != null) {
                o.deadline.cancel();
                o.deadline = null;
            }
        }
        d.owed.clear();
        if (d.reservation != null && ctx.controller != null) {
            ctx.controller.release(d.reservation);
        }
    }

    /** The demand a circuit serves, if it is still the one this node heads over that circuit's path. */
    private @Nullable Demand demandOf(CircuitMessages.Setup s) {
        Demand d = demands.get(demandKey(s.socketId(), s.path().get(s.path().size() - 1)));
        return d != null && d.path.equals(s.path()) ? d : null;
    }

    /** The head delivered a circuit's pair: the next one starts, or the demand is met. */
    void delivered(CircuitMessages.Setup s) {
        Demand d = demandOf(s);
        if (d != null) {
            d.restarts = 0;
            Owed oldest = d.owed.peek();
            if (oldest != null && --oldest.pairs == 0) {
                d.owed.poll();
                if (oldest.deadline != null) {
                    oldest.deadline.cancel();
                }
            }
            if (--d.remaining > 0) {
                startCircuit(d);
            } else {
                endDemand(d);
            }
        }
    }

    /** The head measured its half of a circuit's test pair: the demand goes on with its next pair (none owed less). */
    void tested(CircuitMessages.Setup s) {
        Demand d = demandOf(s);
        if (d != null) {
            d.restarts = 0;
            startCircuit(d);
        }
    }

    /**
     * A test of the socket's pairs with the remote node was counted. With verification, pairs are delivered once
     * the measured lower bound reaches the minimum fidelity; the demand is refused (an error with a
     * {@link Refusal} of figure MEASURED_FIDELITY) once the upper bound falls below it, or the tests reach
     * the request's {@code maxTestPairs} without showing it.
     */
    void sampled(int socketId, String remote, MeasuredFidelity m) {
        Demand d = demands.get(demandKey(socketId, remote));
        if (d == null || d.testing == null || d.tests == null || !d.testing.verify()) {
            return;
        }
        d.tests.verified = m.lower() >= d.minFidelity;
        boolean cannot = m.upper() < d.minFidelity;
        if (d.tests.verified || !cannot && m.samples() < d.testing.maxTestPairs()) {
            return;
        }
        endDemand(d);
        giveUp.circuit(d.socketId, d.path, "verification failed at " + ctx.node);
        String where = String.join("-", d.path);
        String message = String.format(java.util.Locale.ROOT, "%d test pair(s) over %s measured fidelity in [%.4f,"
                + " %.4f] at confidence %.3g (%d error(s)), %s the minimum %.4f", m.samples(), where, m.lower(),
                m.upper(), m.confidence(), m.errors(), cannot ? "wholly below" : "not shown above", d.minFidelity);
        String advice = cannot ? "ask for a lower minimum fidelity, distillation, or better links"
                : "allow more test pairs (maxTestPairs), a lower confidence, or a lower minimum fidelity";
        PairListener listener = ctx.listener(d.socketId);
        if (listener != null) {
            listener.onError(new NetworkError(d.socketId, remote, LinkErrorCode.REJECTED, message + ": " + advice,
                    new Refusal(Refusal.Figure.MEASURED_FIDELITY, Refusal.Scope.PATH, where, d.minFidelity,
                            m.upper(), d.minFidelity, advice)));
        }
    }

    /** A circuit this node heads failed for good: its demand ends (its listener was told by the caller). */
    void failed(CircuitMessages.Setup s) {
        Demand d = demandOf(s);
        if (d != null) {
            endDemand(d);
        }
    }

    /**
     * A circuit of this node's part was given up: if this node heads it, a fresh circuit replaces it, unless
     * too many were given up in a row, which fails the request with EXPIRE.
     */
    void restart(Part part, String reason) {
        if (!part.isHead()) {
            return;
        }
        Demand d = demandOf(part.setup);
        if (d == null) {
            return;
        }
        if (++d.restarts > MAX_RESTARTS) {
            endDemand(d);
            PairListener listener = ctx.listener(d.socketId);
            if (listener != null) {
                listener.onError(new NetworkError(d.socketId, d.remote(), LinkErrorCode.EXPIRE, MAX_RESTARTS
                        + " circuits in a row were given up (last: " + reason + "): raise cutoffNanos, ask for "
                        + "fewer distillation rounds, or use memories that live longer"));
            }
            return;
        }
        setUp(d);
    }

    /**
     * A node is down: every demand over it ends with UNREACHABLE (those between two circuits, paced: the
     * circuits in the making were torn down, and their demands ended, before).
     */
    void peerDown(String peer) {
        for (Demand d : List.copyOf(demands.values())) {
            if (d.path.contains(peer)) {
                endDemand(d);
                PairListener listener = ctx.listener(d.socketId);
                if (listener != null) {
                    listener.onError(new NetworkError(d.socketId, d.remote(), LinkErrorCode.UNREACHABLE,
                            downMessage(peer, null, d.path)));
                }
            }
        }
    }

    /** Ends every demand, giving every reservation back. */
    void close() {
        for (Demand d : List.copyOf(demands.values())) {
            endDemand(d);
        }
    }

    static String downMessage(String peer, @Nullable String circuit, List<String> path) {
        return peer + " is down (crashed or cut off): " + (circuit == null ? "the request" : "circuit " + circuit)
                + " over " + String.join("-", path) + " was torn down and its qubits freed; retry once " + peer
                + " is back" + (path.indexOf(peer) > 0 && path.indexOf(peer) < path.size() - 1
                ? " (or a path around it exists)" : "");
    }

    /** Starts the demand's next pair, at once or, when paced, at its turn. */
    private void startCircuit(Demand d) {
        long now = ctx.now();
        if (d.periodNanos > 0) {
            if (d.firstStart < 0) {
                d.firstStart = now;
            }
            long at = d.firstStart + (long) Math.ceil(d.started * d.periodNanos);
            if (at > now) {
                d.pacer = ctx.scheduler.scheduleAt(at, () -> {
                    d.pacer = null;
                    if (demands.get(demandKey(d.socketId, d.remote())) == d) {
                        startNow(d);
                    }
                });
                return;
            }
        }
        startNow(d);
    }

    private void startNow(Demand d) {
        d.started++;
        setUp(d);
    }

    /**
     * Announces a fresh circuit for the demand's next pair (a restart counts no new pair), measured as the
     * oldest request it serves asks.
     */
    private void setUp(Demand d) {
        String id = NodeContext.circuitPrefix(ctx.node) + nextCircuit++;
        int purpose = ctx.controller != null && d.reservation != null ? ctx.controller.nextPurpose()
                : CIRCUIT_PURPOSE_BASE + Math.floorMod(id.hashCode(), 1 << 29);
        Owed oldest = d.owed.peek();
        CircuitMessages.Setup setup = new CircuitMessages.Setup(id, purpose, List.copyOf(d.path), d.socketId,
                List.copyOf(d.hopFidelities), d.policy.distillation(), d.policy.cutoffNanos(),
                oldest == null ? null : oldest.measure, TestDraws.next(d.testing, d.tests));
        for (String other : d.path) {
            if (!other.equals(ctx.node)) {
                ctx.send(other, setup);
            }
        }
        join.accept(setup);
    }
}
