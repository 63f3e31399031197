package org.qnetstack.network.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.link.InvalidRequestException;
import org.qnetstack.link.LinkService;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.AdmissionException;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.DemandId;
import org.qnetstack.network.MeasuredFidelity;
import org.qnetstack.network.NetworkLayer;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.MessageHandlers;
import org.qnetstack.physical.LocalOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network layer of one node. A request to a neighbour with no circuit policy becomes a link-layer CREATE
 * whose purpose id is the socket id. Any other request is served over the shortest path, one end-to-end pair
 * at a time: the head announces a small circuit to every node of the path; each hop's first node (its
 * leader) asks its link layer for kept pairs with the circuit's purpose id; both ends of the hop distil them
 * if the circuit says so ({@link HopPool}); every repeater swaps as soon as it holds a ready pair on each side
 * and reports the swap to both ends, and each end delivers once the reported swaps join its pair to the far
 * end's (see {@link Circuit}). For a measure-directly request each end measures its half as soon as it holds
 * it, in the basis the request chose for that end, and frees the qubit at once; it delivers the outcome, with
 * the Bell index, once the swaps join the pair, as for a kept one.
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
 *
 * <p>This class routes messages and calls to the engines that hold each responsibility, each a state machine
 * (messages in, messages out, timers through the {@link Scheduler}): {@link Routes} (paths, nodes down),
 * {@link HeadDemands} (admission, pacing, restarts at the head), {@link CircuitParts} (set-up and the end of
 * this node's parts), {@link HopDistillation} (a hop's pairs and rounds), {@link Swaps} (swap, Bell-index
 * tracking, delivery), {@link FidelityTests} (end-to-end test pairs), {@link Cutoffs}, {@link ExpireNotices} (give-ups, resent until acknowledged) and
 * {@link DirectSockets} (requests over a single link).
 */
public final class CircuitNetworkService implements NetworkLayer {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitNetworkService.class);

    private final NodeContext ctx;
    /** Messages rejected, each counted in {@code rejected}; a few a minute logged. */
    private final RateLimitedLog rejections = RateLimitedLog.warnings(LOG);
    private final Routes routes;
    private final ExpireNotices expires;
    private final HeadDemands head;
    private final CircuitParts parts;
    private final DirectSockets direct;
    private long rejected;

    /** A node without admission control: hop-shortest paths, best effort. */
    public CircuitNetworkService(String node, PlatformSpec topology, LinkService link, ClassicalNetwork classical,
                                 LocalOperations operations, Scheduler scheduler) {
        this(node, topology, link, classical, operations, scheduler, null);
    }

    /** @param controller the network's controller (the same object at every node), or null for none */
    public CircuitNetworkService(String node, PlatformSpec topology, LinkService link, ClassicalNetwork classical,
                                 LocalOperations operations, Scheduler scheduler,
                                 @Nullable AdmissionController controller) {
        this.ctx = new NodeContext(node, topology, link, classical, operations, scheduler, controller);
        this.routes = new Routes(node, topology);
        this.expires = new ExpireNotices(ctx, routes);
        this.head = new HeadDemands(ctx, routes, this::joinAsHead, this::giveUpHeaded);
        this.parts = new CircuitParts(ctx, routes, expires, head);
        this.direct = new DirectSockets(ctx);
        classical.register(node, CircuitMessages.PROTOCOL, MessageHandlers.builder()
                .on(CircuitMessages.Setup.class, (setup, from) -> {
                    if (!parts.onSetup(setup, from)) {
                        reject(setup, from);
                    }
                })
                .on(CircuitMessages.Swapped.class, (swapped, from) -> parts.swaps.onSwapped(swapped))
                .on(CircuitMessages.Distil.class, this::onDistil)
                .on(CircuitMessages.DistilReply.class, this::onDistilReply)
                .on(CircuitMessages.Expire.class, (expire, from) -> {
                    expires.acknowledgeTo(from, expire);
                    parts.onExpire(expire, from);
                })
                .on(CircuitMessages.ExpireAck.class, (ack, from) -> expires.onAck(ack, from))
                .on(CircuitMessages.TestOutcome.class, (outcome, from) -> {
                    if (!parts.tests.onOutcome(outcome, from)) {
                        reject(outcome, from);
                    }
                })
                .otherwise(e -> reject(e.payload(), e.from()))
                .build());
    }

    private void giveUpHeaded(int socketId, List<String> path, String reason) {
        parts.cancelHeaded(socketId, path, reason);
    }

    private void joinAsHead(CircuitMessages.Setup setup) {
        parts.join(setup, setup.path().indexOf(ctx.node));
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
    public DemandId request(PairRequest r) {
        List<String> shortest = routes.route(r.remoteNode(), true);
        boolean plainLink = shortest.size() == 2 && r.policy().equals(CircuitPolicy.NONE) && r.pairsPerSecond() == 0
                && r.testing() == null;
        if (plainLink && (ctx.controller == null || !r.admitted() || r.type() != RequestType.KEEP)) {
            return direct.create(r);
        }
        if (r.type() == RequestType.MEASURE && (r.localBasis() == null || r.remoteBasis() == null)) {
            throw new InvalidRequestException("basis", "a measure-directly request needs a basis choice for each "
                    + "end, e.g. BasisChoice.randomXz()");
        }
        if (r.number() < 1) {
            throw new InvalidRequestException("number", "ask for at least one pair (was " + r.number() + ")");
        }
        DemandId headed = head.request(r, shortest);
        return headed != null ? headed : direct.create(r);
    }

    /** Link requests made directly for sockets and still open (for tests that check nothing is kept). */
    public int openDirectCreates() {
        return direct.open();
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
        boolean any = direct.cancel(socketId);
        any |= head.cancel(socketId, path -> parts.cancelHeaded(socketId, path, "cancelled by " + ctx.node));
        return any;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A request over one link is cancelled at the link layer, at either end. A request this node heads over a
     * circuit stops owing its pairs; if its socket's demand then owes none, the pair in the making is given up at
     * every node of its path and its reservation returned.
     */
    @Override
    public boolean cancel(DemandId request) {
        if (request == null) {
            throw new IllegalArgumentException("request: give the id request() returned or a pair carries");
        }
        return request.overCircuit() ? head.cancel(request) : direct.cancel(request);
    }

    /** The shortest path (by hops) from this node to the remote one, both included, whether or not nodes are down. */
    List<String> route(String remote) {
        return routes.route(remote, false);
    }

    /**
     * Why a request to the remote node would fail now because nodes are down (it is down itself, or every path
     * to it goes through one), or null if it has a path through nodes that are up.
     */
    public @Nullable String unreachableBecauseDown(String remote) {
        return routes.unreachableBecauseDown(remote);
    }

    /**
     * A node crashed or is cut off (any node, neighbour or not): every circuit through it or ending at it is
     * torn down here (its qubits freed, its link requests cancelled, the others on its path told), the listeners
     * of its ends get an UNREACHABLE error naming the node, and the requests this node heads over it end. Until
     * {@link #peerUp}, paths avoid it. Idempotent.
     */
    public void peerDown(String peer) {
        if (!routes.markDown(peer)) {
            return;
        }
        expires.forget(peer);
        parts.peerDown(peer);
        head.peerDown(peer);
    }

    /**
     * A node that was down is back with a fresh stack, which numbers its circuits from the start again: what
     * this node remembers of its old circuits is forgotten, and paths may go through it again. Does nothing
     * for a node that was not down.
     */
    public void peerUp(String peer) {
        if (routes.markUp(peer)) {
            parts.peerUp(peer);
        }
    }

    /** Whether the remote node can be reached at all (for sockets opened before any request). */
    public boolean reachable(String remote) {
        return routes.reachable(remote);
    }

    /** A distillation round's measurement goes to its engine once its fields are checked. */
    private void onDistil(CircuitMessages.Distil d, String from) {
        if (d.protocol() != null && DistillationRound.Twirls.valid(d.firstTwirl())
                && DistillationRound.Twirls.valid(d.secondTwirl())
                && (d.outcome() == 0 || d.outcome() == 1)) {
            parts.distillation.onDistil(d, from);
        } else {
            reject(d, from);
        }
    }

    private void onDistilReply(CircuitMessages.DistilReply r, String from) {
        if (r.outcome() == 0 || r.outcome() == 1) {
            parts.distillation.onReply(r, from);
        } else {
            reject(r, from);
        }
    }

    /** A malformed message, or one of a type the network layer does not serve. */
    private void reject(Object message, String from) {
        rejected++;
        rejections.log("{}: rejected a network message from {}: {}", ctx.node, from, message);
    }

    @Override
    public void listen(int socketId, PairListener listener) {
        direct.listen(socketId, listener);
    }

    @Override
    public void unlisten(int socketId) {
        direct.unlisten(socketId);
        parts.tests.forget(socketId);
    }

    /** Network messages rejected (malformed, or a setup from a node not at the head of its path, or on a purpose id in use). */
    public long rejected() {
        return rejected + parts.refused();
    }

    /** What the end-to-end test pairs of the socket with the remote node showed here so far, at the confidence. */
    public MeasuredFidelity measured(int socketId, String remote, double confidence) {
        return parts.tests.measured(socketId, remote, confidence);
    }

    /** Distillation rounds this node led, and how many of them kept their pair. */
    public long distillationRounds() {
        return parts.distillation.rounds();
    }

    public long distillationRoundsKept() {
        return parts.distillation.roundsKept();
    }

    /** Circuits this node gave up itself (a pair past its cutoff, an unanswered round, an old joined pair). */
    public long circuitsExpired() {
        return parts.expired();
    }

    @Override
    public void close() {
        ctx.classical.unregister(ctx.node, CircuitMessages.PROTOCOL);
        ctx.retransmitter.cancelAll();
        head.close();
        parts.close();
        ctx.link.close();
    }
}
