package org.qnetstack.network.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkListener;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.LinkService;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.Priority;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.AdmissionException;
import org.qnetstack.network.CircuitId;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.NetworkService;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;
import org.qnetstack.physical.ClassicalNetwork;
import org.qnetstack.physical.Envelope;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.physical.Retransmitter;

/**
 * The network layer of one node. A request to a neighbour with no circuit policy becomes a link-layer CREATE
 * whose purpose id is the socket id. Any other request is served over the shortest path, one end-to-end pair
 * at a time: the head announces a small circuit to every node of the path; each hop's first node (its
 * leader) asks its link layer for kept pairs with the circuit's purpose id; both ends of the hop distil them
 * if the circuit says so ({@link HopPool}); every repeater swaps as soon as it holds a ready pair on each side
 * and reports the swap to both ends, and each end delivers once the reported swaps join its pair to the far
 * end's (see {@link Circuit}).
 *
 * <p>Cutoff: a node that holds a pair of the circuit older than the circuit's cutoff (counted from the
 * herald of its oldest constituent) gives the circuit up: it frees every qubit it holds for it, cancels its
 * link requests and tells every other node of the path (EXPIRE, resent until acknowledged), which do the
 * same; the head then starts a fresh circuit. An end never delivers a pair older than the cutoff; if the
 * other end gives up a circuit whose pair this end already delivered, the listener gets an EXPIRE error
 * naming it. Swapping one pair at a time cannot deadlock.
 *
 * <p>With an {@link AdmissionController} (one per network, shared by every node) the head asks it for the
 * path (quantum-aware, not hop-shortest) and for a reservation of the request's rate; a refusal is thrown
 * to the requester as an {@link AdmissionException}. The head paces an admitted circuit's pairs to the
 * reserved rate, names its circuits with purpose ids unique across the network, and gives the reservation
 * back when the request completes, fails or is cancelled, or the node closes. Pairs carry a fidelity
 * interval from the controller's model ({@link FidelityBounds}). Without a controller: hop-shortest paths,
 * no admission, no interval ([0, 1]).
 *
 * <p>Circuits sharing links and repeaters never mix their pairs: each circuit's link requests carry its own
 * purpose id, which the link layer delivers to that circuit's listener only; a node that already has a live
 * circuit with the same purpose id refuses the newcomer's set-up (EXPIRE, so its head starts afresh).
 *
 * <p>A node reported down ({@link #peerDown}: crashed or cut off) takes its circuits with it: every circuit
 * whose path goes through it or ends at it is torn down here (qubits freed, link requests cancelled, the
 * others told), its ends' listeners get an UNREACHABLE error naming the node, and the head's request for it
 * ends. Until it is back ({@link #peerUp}) paths avoid it, and a request that has no path without it is
 * refused at once ({@link NoRouteException}).
 */
public final class CircuitNetworkService implements NetworkService {
    private static final Logger LOG = Logger.getLogger(CircuitNetworkService.class.getName());
    /** Purpose ids of circuits, apart from the socket ids applications use. */
    static final int CIRCUIT_PURPOSE_BASE = 1 << 30;
    /** Circuits given up in a row (cutoff or unanswered rounds) before the request is failed. */
    static final int MAX_RESTARTS = 100;
    /** Below the model's fidelity a hop asks of its link, for rounding in the link layer's choice of α. */
    static final double HOP_FIDELITY_SLACK = 1e-9;
    /** How many round-trip timeouts a distillation round or an EXPIRE is resent for. */
    private static final int GIVE_UP_RTOS = 64;
    /** Remembered recent answers, deliveries and give-ups, for repeats and late messages. */
    private static final int MEMORY = 1024;

    private final String node;
    private final PlatformSpec topology;
    private final LinkService link;
    private final ClassicalNetwork classical;
    private final LocalOperations operations;
    private final Scheduler scheduler;
    private final Retransmitter retransmitter;
    private final RandomGenerator random;
    private final @Nullable AdmissionController controller;
    private final Map<Integer, PairListener> listeners = new HashMap<>();
    /** Which circuit listens on each purpose id at this node. */
    private final Map<Integer, String> purposes = new HashMap<>();
    /** Link requests made directly for sockets (neighbours, no policy), for cancel. */
    private final Map<Integer, List<CreateId>> directCreates = new HashMap<>();
    private final Map<String, Part> parts = new HashMap<>();
    private final Map<String, List<CircuitMessages.Swapped>> earlySwaps = new HashMap<>();
    private final Map<String, CircuitId> linkCircuits = new HashMap<>();
    /** The last setup path found well formed, and this node's index in it (see {@link #placeIn}). */
    private List<String> knownPath = List.of();
    private int knownIndex = -1;
    /** What the head owes, by socket id and remote node. */
    private final Map<String, Demand> demands = new LinkedHashMap<>();
    private final Map<String, CircuitMessages.DistilReply> recentReplies = bounded();
    private final Map<String, EndToEndPair> delivered = bounded();
    private final Map<String, Boolean> givenUp = bounded();
    /** Nodes reported down (crashed or cut off) and not back yet. */
    private final java.util.Set<String> down = new java.util.HashSet<>();
    private long nextCircuit;
    private long rejected;
    private long rounds;
    private long roundsKept;
    private long expired;

    /** What the head still owes a socket and remote node, and what it reserved for it. */
    private static final class Demand {
        final int socketId;
        final List<String> path;
        final List<Double> hopFidelities;
        final CircuitPolicy policy;
        final AdmissionController.@Nullable Reservation reservation;
        /** Pacing: the n-th pair starts no earlier than firstStart + n / rate. */
        final double periodNanos;
        long firstStart = -1;
        long started;
        @Nullable TimerHandle pacer;
        int remaining;
        int restarts;

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
    }

    private static String demandKey(int socketId, String remote) {
        return socketId + ">" + remote;
    }

    private record ExpireKey(String circuit, String to) {
    }

    /** A node without admission control: hop-shortest paths, best effort. */
    public CircuitNetworkService(String node, PlatformSpec topology, LinkService link, ClassicalNetwork classical,
                                 LocalOperations operations, Scheduler scheduler) {
        this(node, topology, link, classical, operations, scheduler, null);
    }

    /** @param controller the network's controller (the same object at every node), or null for none */
    public CircuitNetworkService(String node, PlatformSpec topology, LinkService link, ClassicalNetwork classical,
                                 LocalOperations operations, Scheduler scheduler,
                                 @Nullable AdmissionController controller) {
        this.node = node;
        this.controller = controller;
        this.topology = topology;
        this.link = link;
        this.classical = classical;
        this.operations = operations;
        this.scheduler = scheduler;
        long farthest = 0;
        for (var n : topology.nodes()) {
            if (!n.name().equals(node)) {
                farthest = Math.max(farthest, classical.delayNanos(node, n.name()));
            }
        }
        // A little more than the longest round trip; the simulated network adds no processing time.
        this.retransmitter = new Retransmitter(scheduler, 2 * farthest + 100_000, 8);
        this.random = new SplittableRandom(topology.seed() * 1_000_003L + ("network/" + node).hashCode());
        classical.register(node, CircuitMessages.PROTOCOL, this::onMessage);
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MEMORY;
            }
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>Pairs asked on a socket and remote node that already has a request running join it (its path,
     * policy and reservation).
     *
     * @throws AdmissionException if the network's controller refuses the request
     */
    @Override
    public void request(PairRequest r) {
        List<String> shortest = route(r.remoteNode(), true);
        boolean direct = shortest.size() == 2 && r.policy().equals(CircuitPolicy.NONE) && r.pairsPerSecond() == 0;
        if (direct && (controller == null || r.type() != RequestType.KEEP)) {
            createDirect(r);
            return;
        }
        if (r.type() != RequestType.KEEP) {
            throw new NoRouteException(node, r.remoteNode(), "measure-directly pairs across repeaters, with "
                    + "distillation or a cutoff, or at a reserved rate, are not supported yet: ask for kept pairs "
                    + "and measure them");
        }
        if (r.number() < 1) {
            throw new org.qnetstack.link.InvalidRequestException("number", "ask for at least one pair (was "
                    + r.number() + ")");
        }
        String key = demandKey(r.socketId(), r.remoteNode());
        Demand d = demands.get(key);
        if (d == null) {
            d = newDemand(r, shortest);
            if (d == null) {
                createDirect(r);
                return;
            }
            demands.put(key, d);
        }
        boolean idle = d.remaining == 0;
        d.remaining += r.number();
        if (idle) {
            startCircuit(d);
        }
    }

    private void createDirect(PairRequest r) {
        CreateId id = link.create(new CreateRequest(r.remoteNode(), r.type(), r.number(), r.minFidelity(),
                MeasureBasis.Z, r.socketId(), r.maxTimeNanos()).withBases(r.localBasis(), r.remoteBasis()));
        directCreates.computeIfAbsent(r.socketId(), k -> new ArrayList<>()).add(id);
    }

    /** The head's plan for a request: the controller's path and reservation, or the shortest path; null: direct. */
    private @Nullable Demand newDemand(PairRequest r, List<String> shortest) {
        Distillation distillation = r.policy().distillation();
        if (controller == null) {
            double f = linkFidelityFor(r.minFidelity(), shortest.size() - 1, distillation);
            return new Demand(r.socketId(), shortest, java.util.Collections.nCopies(shortest.size() - 1, f),
                    r.policy(), null);
        }
        AdmissionController.Reservation res = controller.admit(node, r.remoteNode(), r.minFidelity(), r.policy(),
                r.pairsPerSecond());
        List<String> path = res.route().path();
        String dead = path.stream().filter(down::contains).findFirst().orElse(null);
        if (dead != null) {
            controller.release(res);
            throw new NoRouteException(node, r.remoteNode(), "the controller's path " + path + " goes through " + dead
                    + ", which is down (crashed or cut off); retry once it is back");
        }
        if (path.size() == 2 && r.policy().equals(CircuitPolicy.NONE) && r.pairsPerSecond() == 0) {
            return null;
        }
        // Each hop is asked for what the controller planned with, so the end-to-end estimate holds.
        List<Double> hops = new ArrayList<>();
        for (int i = 0; i + 1 < path.size(); i++) {
            hops.add(controller.model().linkBetween(path.get(i), path.get(i + 1)).orElseThrow().fidelity()
                    - HOP_FIDELITY_SLACK);
        }
        return new Demand(r.socketId(), path, hops, r.policy(), res);
    }

    /**
     * Cancels what this node asked for on a socket: direct link requests, and the circuits it heads (the
     * pair in the making is given up at every node of its path, its qubits freed, its reservation returned).
     * Pairs already delivered stay delivered.
     *
     * @return whether anything was running
     */
    @Override
    public boolean cancel(int socketId) {
        boolean any = false;
        for (CreateId id : directCreates.getOrDefault(socketId, List.of())) {
            any |= link.cancel(id);
        }
        directCreates.remove(socketId);
        for (Demand d : List.copyOf(demands.values())) {
            if (d.socketId == socketId) {
                any = true;
                endDemand(d);
                for (Part part : List.copyOf(parts.values())) {
                    if (part.isHead() && part.setup.socketId() == socketId
                            && part.setup.path().equals(d.path)) {
                        abandon(part);
                        broadcastExpire(part.setup, "cancelled by " + node);
                    }
                }
            }
        }
        return any;
    }

    /** The head is done with a demand: stop pacing, give the reservation back. */
    private void endDemand(Demand d) {
        demands.remove(demandKey(d.socketId, d.path.get(d.path.size() - 1)));
        if (d.pacer != null) {
            d.pacer.cancel();
            d.pacer = null;
        }
        if (d.reservation != null && controller != null) {
            controller.release(d.reservation);
        }
    }

    /**
     * The fidelity each of n links must reach so that n Werner pairs swapped perfectly reach {@code f}:
     * w_link = w^(1/n) (docs/physics.md: swapping multiplies Werner weights).
     */
    static double perLinkFidelity(double f, int links) {
        double w = Math.max(0, (4 * f - 1) / 3);
        return (3 * Math.pow(w, 1.0 / links) + 1) / 4;
    }

    /**
     * The link fidelity that, distilled as asked on every link and swapped, reaches {@code f} end to end: the
     * distillation formulas are monotonic in the input above F = 1/2, so bisection finds it.
     */
    static double linkFidelityFor(double f, int links, @Nullable Distillation distillation) {
        double target = perLinkFidelity(f, links);
        if (distillation == null) {
            return target;
        }
        double lo = 0.5;
        double hi = 1;
        if (distilled(lo, distillation) >= target) {
            return lo;
        }
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            if (distilled(mid, distillation) >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static double distilled(double f, Distillation distillation) {
        return LinkEstimates.of(f, distillation).fidelity();
    }

    /** Starts the demand's next pair, at once or, when paced, at its turn. */
    private void startCircuit(Demand d) {
        long now = scheduler.clock().nanos();
        if (d.periodNanos > 0) {
            if (d.firstStart < 0) {
                d.firstStart = now;
            }
            long at = d.firstStart + (long) Math.ceil(d.started * d.periodNanos);
            if (at > now) {
                d.pacer = scheduler.scheduleAt(at, () -> {
                    d.pacer = null;
                    if (demands.get(demandKey(d.socketId, d.path.get(d.path.size() - 1))) == d) {
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

    /** Announces a fresh circuit for the demand's next pair (a restart counts no new pair). */
    private void setUp(Demand d) {
        String id = circuitPrefix(node) + nextCircuit++;
        int purpose = controller != null ? controller.nextPurpose()
                : CIRCUIT_PURPOSE_BASE + Math.floorMod(id.hashCode(), 1 << 29);
        CircuitMessages.Setup setup = new CircuitMessages.Setup(id, purpose, List.copyOf(d.path), d.socketId,
                List.copyOf(d.hopFidelities), d.policy.distillation(), d.policy.cutoffNanos());
        for (String other : d.path) {
            if (!other.equals(node)) {
                classical.send(node, other, CircuitMessages.PROTOCOL, setup);
            }
        }
        join(setup, d.path.indexOf(node));
    }

    /** The shortest path (by hops) from this node to the remote one, both included, whether or not nodes are down. */
    List<String> route(String remote) {
        return route(remote, false);
    }

    /**
     * The shortest path (by hops) from this node to the remote one, both included; with {@code avoidDown}, only
     * through nodes that are not down.
     */
    private List<String> route(String remote, boolean avoidDown) {
        if (remote.equals(node)) {
            throw new NoRouteException(node, remote, "a node cannot entangle with itself");
        }
        if (topology.node(remote).isEmpty()) {
            throw new NoRouteException(node, remote, "no such node (nodes: " + String.join(", ",
                    topology.nodes().stream().map(n -> n.name()).toList()) + ")");
        }
        if (avoidDown && down.contains(remote)) {
            throw new NoRouteException(node, remote, remote + " is down (crashed or cut off); retry once it is back");
        }
        Map<String, String> previous = new HashMap<>();
        ArrayDeque<String> frontier = new ArrayDeque<>(List.of(node));
        previous.put(node, node);
        while (!frontier.isEmpty()) {
            String at = frontier.poll();
            for (LinkSpec l : topology.links()) {
                if (l.connects(at)) {
                    String next = l.otherEnd(at);
                    if (!previous.containsKey(next) && !(avoidDown && down.contains(next))) {
                        previous.put(next, at);
                        frontier.add(next);
                    }
                }
            }
        }
        if (!previous.containsKey(remote)) {
            throw new NoRouteException(node, remote, avoidDown && reachable(remote)
                    ? "every path to it goes through a node that is down (crashed or cut off: "
                    + String.join(", ", new java.util.TreeSet<>(down)) + "); retry once it is back"
                    : "no path in the topology");
        }
        List<String> path = new ArrayList<>();
        for (String at = remote; !at.equals(node); at = previous.get(at)) {
            path.add(0, at);
        }
        path.add(0, node);
        return path;
    }

    /**
     * Why a request to the remote node would fail now because nodes are down (it is down itself, or every path
     * to it goes through one), or null if it has a path through nodes that are up.
     */
    public @Nullable String unreachableBecauseDown(String remote) {
        if (down.isEmpty() || !reachable(remote)) {
            return null;
        }
        try {
            route(remote, true);
            return null;
        } catch (NoRouteException e) {
            return e.getMessage();
        }
    }

    /**
     * A node crashed or is cut off (any node, neighbour or not): every circuit through it or ending at it is
     * torn down here (its qubits freed, its link requests cancelled, the others on its path told), the listeners
     * of its ends get an UNREACHABLE error naming the node, and the requests this node heads over it end. Until
     * {@link #peerUp}, paths avoid it. Idempotent.
     */
    public void peerDown(String peer) {
        if (peer.equals(node) || !down.add(peer)) {
            return;
        }
        retransmitter.cancelIf(k -> k instanceof ExpireKey x && x.to().equals(peer));
        for (Part part : List.copyOf(parts.values())) {
            CircuitMessages.Setup s = part.setup;
            if (parts.get(s.circuit()) == part && s.path().contains(peer)) {
                fail(part, LinkErrorCode.UNREACHABLE, downMessage(peer, s.circuit(), s.path()));
            }
        }
        for (Demand d : List.copyOf(demands.values())) {
            if (d.path.contains(peer)) { // between two of its circuits (paced): nothing was torn down for it
                endDemand(d);
                PairListener listener = listeners.get(d.socketId);
                if (listener != null) {
                    listener.onError(new NetworkError(d.socketId, d.path.get(d.path.size() - 1),
                            LinkErrorCode.UNREACHABLE, downMessage(peer, null, d.path)));
                }
            }
        }
    }

    private static String downMessage(String peer, @Nullable String circuit, List<String> path) {
        return peer + " is down (crashed or cut off): " + (circuit == null ? "the request" : "circuit " + circuit)
                + " over " + String.join("-", path) + " was torn down and its qubits freed; retry once " + peer
                + " is back" + (path.indexOf(peer) > 0 && path.indexOf(peer) < path.size() - 1
                ? " (or a path around it exists)" : "");
    }

    /**
     * A node that was down is back with a fresh stack, which numbers its circuits from the start again: what
     * this node remembers of its old circuits is forgotten, and paths may go through it again. Does nothing
     * for a node that was not down.
     */
    public void peerUp(String peer) {
        if (!down.remove(peer)) {
            return;
        }
        String prefix = circuitPrefix(peer);
        for (Map<String, ?> memory : List.of(givenUp, delivered, earlySwaps, recentReplies)) {
            memory.keySet().removeIf(key -> key.startsWith(prefix)); // keyed by circuit id, or starting with it
        }
    }

    private static String circuitPrefix(String head) {
        return head + "/circuit-";
    }

    /** Whether the remote node can be reached at all (for sockets opened before any request). */
    public boolean reachable(String remote) {
        try {
            route(remote);
            return true;
        } catch (NoRouteException e) {
            return false;
        }
    }

    private void onMessage(Envelope e) {
        Object m = e.payload();
        int place;
        if (m instanceof CircuitMessages.Setup s && (place = placeIn(s)) >= 0 && s.path().get(0).equals(e.from())) {
            String dead = down.isEmpty() ? null : s.path().stream().filter(down::contains).findFirst().orElse(null);
            if (dead != null && !givenUp.containsKey(s.circuit()) && !parts.containsKey(s.circuit())) {
                // Its head has not heard yet: refuse it rather than ask a dead neighbour for pairs.
                givenUp.put(s.circuit(), true);
                broadcastExpire(s, dead + " is down (crashed or cut off)");
            } else if (!givenUp.containsKey(s.circuit()) && !parts.containsKey(s.circuit())) {
                join(s, place);
            }
        } else if (m instanceof CircuitMessages.Swapped s) {
            Part p = parts.get(s.circuit());
            if (p != null && p.circuit != null) {
                p.circuit.record(s);
                rearmCutoff(p);
                tryDeliver(p);
            } else if (p == null && !givenUp.containsKey(s.circuit()) && !delivered.containsKey(s.circuit())) {
                earlySwaps.computeIfAbsent(s.circuit(), k -> new ArrayList<>()).add(s);
            }
        } else if (m instanceof CircuitMessages.Distil d && d.protocol() != null && d.twirl() >= 0
                && d.twirl() < DistillationRound.TWIRLS && (d.outcome() == 0 || d.outcome() == 1)) {
            CircuitMessages.DistilReply answer = recentReplies.get(replyKey(d.circuit(), e.from(), d.job()));
            Part p = parts.get(d.circuit());
            if (answer != null) {
                classical.send(node, e.from(), CircuitMessages.PROTOCOL, answer);
            } else if (p != null && p.towardsHead != null && p.index > 0
                    && p.setup.path().get(p.index - 1).equals(e.from())
                    && p.setup.distillation() != null && d.protocol() == p.setup.distillation().protocol()) {
                p.towardsHead.onDistil(d);
                rearmCutoff(p);
            }
            // Otherwise a round for a circuit this node has not joined yet: the leader resends it.
        } else if (m instanceof CircuitMessages.DistilReply r && (r.outcome() == 0 || r.outcome() == 1)) {
            Part p = parts.get(r.circuit());
            if (p != null && p.towardsTail != null && p.setup.path().get(p.index + 1).equals(e.from())) {
                p.towardsTail.onReply(r);
                rearmCutoff(p);
            }
        } else if (m instanceof CircuitMessages.Expire x) {
            classical.send(node, e.from(), CircuitMessages.PROTOCOL, new CircuitMessages.ExpireAck(x.circuit()));
            onExpire(x, e.from());
        } else if (m instanceof CircuitMessages.ExpireAck a) {
            retransmitter.acknowledge(new ExpireKey(a.circuit(), e.from()));
        } else {
            rejected++;
            LOG.warning(() -> node + ": rejected a network message from " + e.from() + ": " + m);
        }
    }

    /**
     * This node's index in a well-formed setup's path, or −1 (malformed, or not on it). A circuit's setups
     * repeat its path for every pair, and checking that it names no node twice is O(N) at every node (O(N²)
     * per pair over a chain): the last path found well formed is remembered, and an equal one is not checked
     * again (an immutable list equal to itself answers at once).
     */
    private int placeIn(CircuitMessages.Setup s) {
        if (!s.wellShaped()) {
            return -1;
        }
        if (!s.path().equals(knownPath)) {
            if (!CircuitMessages.Setup.distinct(s.path())) {
                return -1;
            }
            knownPath = s.path();
            knownIndex = s.path().indexOf(node);
        }
        return knownIndex;
    }

    private static String replyKey(String circuit, String leader, long job) {
        return circuit + "|" + leader + "|" + job;
    }

    /** This node's part in a circuit, at {@code index} in its path: its hops' pools, listening for its pairs. */
    private void join(CircuitMessages.Setup s, int index) {
        Part part = new Part(s, index);
        String owner = purposes.get(s.purposeId());
        if (owner != null) {
            // Two live circuits on one purpose id would take each other's pairs: the newcomer gives way.
            rejected++;
            LOG.warning(() -> node + ": " + s.circuit() + " uses purpose id " + s.purposeId() + " of live circuit "
                    + owner + "; refused");
            givenUp.put(s.circuit(), true);
            broadcastExpire(s, "purpose id " + s.purposeId() + " is in use at " + node);
            restartIfHead(part, "purpose id in use at " + node);
            return;
        }
        purposes.put(s.purposeId(), s.circuit());
        parts.put(s.circuit(), part);
        if (part.circuit != null) {
            for (CircuitMessages.Swapped early : earlySwaps.getOrDefault(s.circuit(), List.of())) {
                part.circuit.record(early);
            }
        }
        earlySwaps.remove(s.circuit());
        if (part.index > 0) {
            part.towardsHead = new HopPool(s.circuit(), s.path().get(part.index - 1), false, s.distillation(),
                    new PoolHost(part, true));
        }
        if (part.index < s.path().size() - 1) {
            part.towardsTail = new HopPool(s.circuit(), s.path().get(part.index + 1), true, s.distillation(),
                    new PoolHost(part, false));
        }
        link.listen(s.purposeId(), new LinkListener() {
            @Override
            public void onPair(LinkPair pair) {
                if (parts.get(s.circuit()) != part) {
                    operations.release(pair.qubit());
                    return;
                }
                boolean head = part.index > 0 && pair.remoteNode().equals(s.path().get(part.index - 1));
                HopPool pool = head ? part.towardsHead : part.towardsTail;
                if (pool == null || !pair.remoteNode().equals(head ? s.path().get(part.index - 1)
                        : s.path().get(part.index + 1))) {
                    operations.release(pair.qubit());
                    LOG.warning(() -> node + ": a pair for " + s.circuit() + " from off its path, released");
                    return;
                }
                pool.add(pair);
                rearmCutoff(part);
            }

            @Override
            public void onError(LinkError error) {
                if (parts.get(s.circuit()) != part || error.code() == LinkErrorCode.EXPIRE) {
                    return; // EXPIRE: the link gave up a pair nobody held; its request goes on
                }
                if (error.code() == LinkErrorCode.CANCELLED) {
                    // The other end of the hop gave the circuit up; its EXPIRE may still be on its way.
                    abandon(part);
                    restartIfHead(part, "the circuit was given up at the other end of a hop");
                } else {
                    fail(part, error.code(), error.message());
                }
            }
        });
        if (part.towardsTail != null) {
            part.towardsTail.start();
        }
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
            classical.send(node, to, CircuitMessages.PROTOCOL, payload);
        }

        @Override
        public Retransmitter retransmitter() {
            return retransmitter;
        }

        @Override
        public LocalOperations operations() {
            return operations;
        }

        @Override
        public RandomGenerator random() {
            return random;
        }

        @Override
        public long now() {
            return scheduler.clock().nanos();
        }

        @Override
        public long giveUpNanos(String peer) {
            return GIVE_UP_RTOS * retransmitter.rtoNanos();
        }

        @Override
        public void supply(int pairs) {
            CircuitMessages.Setup s = part.setup;
            part.creates.add(link.create(new CreateRequest(s.path().get(part.index + 1), RequestType.KEEP, pairs,
                    s.hopFidelities().get(part.index), MeasureBasis.Z, s.purposeId())
                    .withPriority(Priority.NETWORK_LAYER)));
        }

        @Override
        public void ready(HeldPair pair) {
            onReady(part, towardsHead, pair);
        }

        @Override
        public void abort(String reason) {
            giveUp(part, reason);
        }

        @Override
        public void roundDone(boolean kept) {
            rounds++;
            if (kept) {
                roundsKept++;
            }
        }
    }

    /** A hop's pair is ready: an end waits for the swaps; a repeater swaps once both sides are ready. */
    private void onReady(Part part, boolean towardsHead, HeldPair pair) {
        if (part.circuit != null) {
            part.circuit.local = pair.asLinkPair(scheduler.clock().nanos());
            part.circuit.localBorn = pair.born();
            rearmCutoff(part);
            tryDeliver(part);
            return;
        }
        if (towardsHead) {
            part.readyHead = pair;
        } else {
            part.readyTail = pair;
        }
        if (part.readyHead == null || part.readyTail == null) {
            rearmCutoff(part);
            return;
        }
        HeldPair left = part.readyHead;
        HeldPair right = part.readyTail;
        part.readyHead = null;
        part.readyTail = null;
        int bsm = operations.bellStateMeasurement(left.qubit(), right.qubit());
        CircuitMessages.Setup s = part.setup;
        CircuitMessages.Swapped swapped = new CircuitMessages.Swapped(s.circuit(), left.id(), left.bell(), right.id(),
                right.bell(), bsm, left.estimate().fidelity(), right.estimate().fidelity(),
                Math.min(left.born(), right.born()));
        classical.send(node, s.path().get(0), CircuitMessages.PROTOCOL, swapped);
        classical.send(node, s.path().get(s.path().size() - 1), CircuitMessages.PROTOCOL, swapped);
        finish(part);
    }

    private void tryDeliver(Part part) {
        Circuit c = part.circuit;
        Circuit.Joined joined = c.joined();
        if (joined == null) {
            return;
        }
        CircuitMessages.Setup s = part.setup;
        long now = scheduler.clock().nanos();
        if (s.cutoffNanos() > 0 && now - joined.born() > s.cutoffNanos()) {
            giveUp(part, "the end-to-end pair was " + (now - joined.born()) + " ns old when joined, over the "
                    + "cutoff of " + s.cutoffNanos() + " ns");
            return;
        }
        LinkPair local = c.local;
        c.local = null; // the qubit is the listener's now
        finish(part);
        boolean head = part.isHead();
        String remote = head ? s.path().get(s.path().size() - 1) : s.path().get(0);
        PairListener listener = listeners.get(s.socketId());
        FidelityBounds bounds = controller == null ? FidelityBounds.UNKNOWN
                : controller.bounds(s.path(), s.distillation(), joined.fidelity(), joined.product(), joined.aligned(),
                        now - joined.born());
        EndToEndPair pair = new EndToEndPair(new CircuitId(s.circuit()), joined.id(), s.socketId(), remote,
                RequestType.KEEP, joined.bellIndex(), joined.fidelity(), now, local.qubit(), null, -1,
                bounds.lower(), bounds.upper());
        if (listener == null) {
            operations.release(local.qubit());
            LOG.warning(() -> node + ": nobody listens on socket " + s.socketId() + "; end-to-end pair released");
        } else {
            delivered.put(s.circuit(), pair);
            listener.onPair(pair);
        }
        if (head) {
            Demand d = demands.get(demandKey(s.socketId(), remote));
            if (d != null && d.path.equals(s.path())) {
                d.restarts = 0;
                if (--d.remaining > 0) {
                    startCircuit(d);
                } else {
                    endDemand(d);
                }
            }
        }
    }

    private void rearmCutoff(Part part) {
        long cutoff = part.setup.cutoffNanos();
        if (cutoff == 0 || parts.get(part.setup.circuit()) != part) {
            return;
        }
        if (part.cutoffTimer != null) {
            part.cutoffTimer.cancel();
            part.cutoffTimer = null;
        }
        long oldest = part.oldestBorn();
        if (oldest == Long.MAX_VALUE) {
            return;
        }
        part.cutoffTimer = scheduler.scheduleAt(oldest + cutoff, () -> {
            part.cutoffTimer = null;
            if (parts.get(part.setup.circuit()) != part) {
                return;
            }
            if (scheduler.clock().nanos() - part.oldestBorn() >= cutoff) {
                giveUp(part, "a pair held at " + node + " reached the cutoff of " + cutoff + " ns");
            } else {
                rearmCutoff(part);
            }
        });
    }

    /** This node gives the circuit up: frees its share, tells the other nodes, and the head starts afresh. */
    private void giveUp(Part part, String reason) {
        expired++;
        LOG.fine(() -> node + ": gave up " + part.setup.circuit() + ": " + reason);
        abandon(part);
        broadcastExpire(part.setup, reason);
        restartIfHead(part, reason);
    }

    private void broadcastExpire(CircuitMessages.Setup s, String reason) {
        CircuitMessages.Expire expire = new CircuitMessages.Expire(s.circuit(), reason);
        for (String other : s.path()) {
            if (!other.equals(node) && !down.contains(other)) {
                retransmitter.send(new ExpireKey(s.circuit(), other), GIVE_UP_RTOS * retransmitter.rtoNanos(),
                        () -> classical.send(node, other, CircuitMessages.PROTOCOL, expire), () -> {
                        });
            }
        }
    }

    private void onExpire(CircuitMessages.Expire x, String from) {
        Part part = parts.get(x.circuit());
        if (part != null && part.setup.path().contains(from)) {
            abandon(part);
            restartIfHead(part, x.reason());
            return;
        }
        EndToEndPair pair = delivered.remove(x.circuit());
        givenUp.put(x.circuit(), true);
        earlySwaps.remove(x.circuit());
        if (pair != null) {
            PairListener listener = listeners.get(pair.socketId());
            if (listener != null) {
                listener.onError(new NetworkError(pair.socketId(), pair.remoteNode(), LinkErrorCode.EXPIRE,
                        "pair " + pair.pairId() + " (circuit " + x.circuit() + ") was given up by " + from + " after "
                                + "its delivery here (" + x.reason() + "): its partner is gone, release its qubit"));
            }
        }
    }

    private void restartIfHead(Part part, String reason) {
        if (!part.isHead()) {
            return;
        }
        int socket = part.setup.socketId();
        String remote = part.setup.path().get(part.setup.path().size() - 1);
        Demand d = demands.get(demandKey(socket, remote));
        if (d == null || !d.path.equals(part.setup.path())) {
            return;
        }
        if (++d.restarts > MAX_RESTARTS) {
            endDemand(d);
            PairListener listener = listeners.get(socket);
            if (listener != null) {
                listener.onError(new NetworkError(socket, remote, LinkErrorCode.EXPIRE, MAX_RESTARTS
                        + " circuits in a row were given up (last: " + reason + "): raise cutoffNanos, ask for "
                        + "fewer distillation rounds, or use memories that live longer"));
            }
            return;
        }
        setUp(d);
    }

    /** Frees this node's share of a circuit and cancels its link requests; tells nobody. */
    private void abandon(Part part) {
        givenUp.put(part.setup.circuit(), true);
        if (part.circuit != null && part.circuit.local != null) {
            operations.release(part.circuit.local.qubit());
            part.circuit.local = null;
        }
        finish(part);
        // A hop's requests go to the next node of the path; if it is down, its link layer has ended them.
        if (part.index + 1 < part.setup.path().size() && !down.contains(part.setup.path().get(part.index + 1))) {
            for (CreateId id : part.creates) {
                link.cancel(id);
            }
        }
    }

    /** Ends this node's part: stops listening, releases whatever it still holds apart from a delivered pair. */
    private void finish(Part part) {
        if (parts.get(part.setup.circuit()) == part) {
            parts.remove(part.setup.circuit());
        }
        if (part.setup.circuit().equals(purposes.get(part.setup.purposeId()))) {
            purposes.remove(part.setup.purposeId());
            link.unlisten(part.setup.purposeId());
        }
        if (part.cutoffTimer != null) {
            part.cutoffTimer.cancel();
            part.cutoffTimer = null;
        }
        for (HopPool pool : new HopPool[] {part.towardsHead, part.towardsTail}) {
            if (pool != null) {
                pool.release();
            }
        }
        for (HeldPair p : new HeldPair[] {part.readyHead, part.readyTail}) {
            if (p != null) {
                operations.release(p.qubit());
            }
        }
        part.readyHead = null;
        part.readyTail = null;
    }

    private void fail(Part part, LinkErrorCode code, String message) {
        abandon(part);
        broadcastExpire(part.setup, message);
        CircuitMessages.Setup s = part.setup;
        PairListener listener = listeners.get(s.socketId());
        if (part.isEnd() && listener != null) {
            String remote = part.isHead() ? s.path().get(s.path().size() - 1) : s.path().get(0);
            listener.onError(new NetworkError(s.socketId(), remote, code, message));
        }
        if (part.isHead()) {
            Demand d = demands.get(demandKey(s.socketId(), s.path().get(s.path().size() - 1)));
            if (d != null && d.path.equals(s.path())) {
                endDemand(d);
            }
        }
    }

    @Override
    public void listen(int socketId, PairListener listener) {
        listeners.put(socketId, listener);
        link.listen(socketId, new LinkListener() {
            @Override
            public void onPair(LinkPair p) {
                long now = scheduler.clock().nanos();
                FidelityBounds bounds = controller == null ? FidelityBounds.UNKNOWN
                        : controller.bounds(List.of(node, p.remoteNode()), null, p.goodness(), p.goodness(), p.goodness(),
                                now - p.goodnessTime());
                listener.onPair(new EndToEndPair(linkCircuit(p.remoteNode()), p.entanglementId(), p.purposeId(), p.remoteNode(), p.type(),
                        p.bellIndex(), p.goodness(), p.goodnessTime(), p.qubit(), p.axis(), p.outcome(),
                        bounds.lower(), bounds.upper()));
            }

            @Override
            public void onError(LinkError e) {
                String remote = e.createId().node().equals(node) ? "" : e.createId().node();
                listener.onError(new NetworkError(e.purposeId(), remote, e.code(), e.message()));
            }
        });
    }

    /** The circuit id of a single-hop pair: its link's name (looked up once per neighbour, not per pair). */
    private CircuitId linkCircuit(String neighbour) {
        CircuitId id = linkCircuits.get(neighbour);
        if (id == null) {
            id = new CircuitId(topology.linkBetween(node, neighbour).orElseThrow().name());
            linkCircuits.put(neighbour, id);
        }
        return id;
    }

    @Override
    public void unlisten(int socketId) {
        listeners.remove(socketId);
        link.unlisten(socketId);
    }

    /** Network messages rejected (malformed, or a setup from a node not at the head of its path). */
    public long rejected() {
        return rejected;
    }

    /** Distillation rounds this node led, and how many of them kept their pair. */
    public long distillationRounds() {
        return rounds;
    }

    public long distillationRoundsKept() {
        return roundsKept;
    }

    /** Circuits this node gave up itself (a pair past its cutoff, an unanswered round, an old joined pair). */
    public long circuitsExpired() {
        return expired;
    }

    @Override
    public void close() {
        classical.unregister(node, CircuitMessages.PROTOCOL);
        retransmitter.cancelAll();
        for (Demand d : List.copyOf(demands.values())) {
            endDemand(d);
        }
        for (Part part : List.copyOf(parts.values())) {
            abandon(part);
        }
        link.close();
    }
}
