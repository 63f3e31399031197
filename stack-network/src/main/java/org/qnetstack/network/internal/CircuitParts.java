package org.qnetstack.network.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkListener;
import org.qnetstack.link.LinkPair;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.PairListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's shares of circuits ({@link Part}) from set-up to their end: it checks a SETUP and joins the
 * circuit (one purpose id per live circuit, a hop pool per side, listening for the hop's link pairs), and
 * ends a part by finishing it (delivered or swapped), abandoning it (given up elsewhere: EXPIRE in), giving it
 * up itself (EXPIRE out, and the head starts afresh) or failing it (an error for the ends' listeners).
 * What happens in between is the business of {@link HopDistillation} (a hop's pairs), {@link Swaps} (swap,
 * Bell-index tracking and delivery) and {@link Cutoffs} (pairs that waited too long).
 *
 * <p>Messages in: SETUP, EXPIRE; out: EXPIRE (through {@link ExpireNotices}). It remembers recent give-ups
 * and deliveries ({@link #MEMORY} of each), so that a late or repeated message is recognised.
 */
final class CircuitParts {
    /** The service's logger, so that one logging level still governs the whole network layer of a node. */
    private static final Logger LOG = LoggerFactory.getLogger(CircuitNetworkService.class);
    /** Remembered recent answers, deliveries and give-ups, for repeats and late messages. */
    static final int MEMORY = 1024;

    final NodeContext ctx;
    final Routes routes;
    final ExpireNotices expires;
    final HeadDemands head;
    final HopDistillation distillation;
    final Swaps swaps;
    final Cutoffs cutoffs;
    final FidelityTests tests;
    /** This node's part of each live circuit, by circuit id. */
    private final Map<String, Part> parts = new HashMap<>();
    /** Which circuit listens on each purpose id at this node. */
    private final Map<Integer, String> purposes = new HashMap<>();
    private final Map<String, EndToEndPair> delivered = bounded();
    private final Map<String, Boolean> givenUp = bounded();
    /** The last setup path found well formed, and this node's index in it (see {@link #placeIn}). */
    private List<String> knownPath = List.of();
    private int knownIndex = -1;
    private long refused;
    private long expired;

    CircuitParts(NodeContext ctx, Routes routes, ExpireNotices expires, HeadDemands head) {
        this.ctx = ctx;
        this.routes = routes;
        this.expires = expires;
        this.head = head;
        this.distillation = new HopDistillation(this);
        this.swaps = new Swaps(this);
        this.cutoffs = new Cutoffs(this);
        this.tests = new FidelityTests(this);
    }

    /** A map of string keys that forgets its eldest entry beyond {@link #MEMORY}. */
    static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MEMORY;
            }
        };
    }

    /** Whether the part is still this node's live part of its circuit (not ended, not replaced). */
    boolean isLive(Part part) {
        return parts.get(part.setup.circuit()) == part;
    }

    Part part(String circuit) {
        return parts.get(circuit);
    }

    /** Whether this node gave the circuit up, or delivered its pair: nothing more is to come for it. */
    boolean isOver(String circuit) {
        return givenUp.containsKey(circuit) || delivered.containsKey(circuit);
    }

    void delivered(String circuit, EndToEndPair pair) {
        delivered.put(circuit, pair);
    }

    /**
     * A SETUP from {@code from}: joined if it is well formed, comes from its path's head and names this node;
     * refused (EXPIRE) if its path goes through a node that is down; ignored if this node knows it already.
     *
     * @return false if it was malformed or not from its head (the caller counts it rejected)
     */
    boolean onSetup(CircuitMessages.Setup s, String from) {
        int place = placeIn(s);
        if (place < 0 || !s.path().get(0).equals(from)) {
            return false;
        }
        String dead = routes.firstDown(s.path());
        if (dead != null && !givenUp.containsKey(s.circuit()) && !parts.containsKey(s.circuit())) {
            // Its head has not heard yet: refuse it rather than ask a dead neighbour for pairs.
            givenUp.put(s.circuit(), true);
            expires.broadcast(s, dead + " is down (crashed or cut off)");
        } else if (!givenUp.containsKey(s.circuit()) && !parts.containsKey(s.circuit())) {
            join(s, place);
        }
        return true;
    }

    /**
     * This node's index in a well-formed setup's path, or −1 (malformed, or not on it). A circuit's setups
     * repeat its path for every pair, and checking that it names no node twice is O(N) at every node (O(N²)
     * per pair over a chain): the last path found well formed is remembered, and an equal one is not checked
     * again (an immutable list equal to itself answers at once); a path another node just checked is not
     * checked again either ({@link CircuitMessages.CheckedPath}).
     */
    private int placeIn(CircuitMessages.Setup s) {
        if (!s.wellShaped()) {
            return -1;
        }
        if (!s.path().equals(knownPath)) {
            CircuitMessages.CheckedPath checked = CircuitMessages.CheckedPath.of(s.path());
            if (!checked.distinct()) {
                return -1;
            }
            knownPath = s.path();
            knownIndex = checked.indexOf(ctx.node);
        }
        return knownIndex;
    }

    /** This node's part in a circuit, at {@code index} in its path: its hops' pools, listening for its pairs. */
    void join(CircuitMessages.Setup s, int index) {
        Part part = new Part(s, index);
        String owner = purposes.get(s.purposeId());
        if (owner != null) {
            // Two live circuits on one purpose id would take each other's pairs: the newcomer gives way.
            refused++;
            LOG.atWarn().log(() -> ctx.node + ": " + s.circuit() + " uses purpose id " + s.purposeId()
                    + " of live circuit " + owner + "; refused");
            givenUp.put(s.circuit(), true);
            expires.broadcast(s, "purpose id " + s.purposeId() + " is in use at " + ctx.node);
            head.restart(part, "purpose id in use at " + ctx.node);
            return;
        }
        purposes.put(s.purposeId(), s.circuit());
        parts.put(s.circuit(), part);
        swaps.joined(part);
        distillation.attach(part);
        ctx.link.listen(s.purposeId(), new LinkListener() {
            @Override
            public void onPair(LinkPair pair) {
                if (!isLive(part)) {
                    ctx.operations.release(pair.qubit());
                    return;
                }
                if (distillation.add(part, pair)) {
                    cutoffs.rearm(part);
                }
            }

            @Override
            public void onError(LinkError error) {
                if (!isLive(part) || error.code() == LinkErrorCode.EXPIRE) {
                    return; // EXPIRE: the link gave up a pair nobody held; its request goes on
                }
                if (error.code() == LinkErrorCode.CANCELLED) {
                    // The other end of the hop gave the circuit up; its EXPIRE may still be on its way.
                    abandon(part);
                    head.restart(part, "the circuit was given up at the other end of a hop");
                } else {
                    fail(part, error.code(), error.message());
                }
            }
        });
        if (part.towardsTail != null) {
            part.towardsTail.start();
        }
    }

    /** This node gives the circuit up: frees its share, tells the other nodes, and the head starts afresh. */
    void giveUp(Part part, String reason) {
        expired++;
        LOG.atDebug().log(() -> ctx.node + ": gave up " + part.setup.circuit() + ": " + reason);
        abandon(part);
        expires.broadcast(part.setup, reason);
        head.restart(part, reason);
    }

    /**
     * Another node of the path gave the circuit up: this node's part is abandoned (the head starts afresh);
     * if this end already delivered its pair, its listener hears that the partner is gone.
     */
    void onExpire(CircuitMessages.Expire x, String from) {
        Part part = parts.get(x.circuit());
        if (part != null && part.setup.path().contains(from)) {
            abandon(part);
            head.restart(part, x.reason());
            return;
        }
        EndToEndPair pair = delivered.remove(x.circuit());
        givenUp.put(x.circuit(), true);
        swaps.forget(x.circuit());
        if (pair != null) {
            PairListener listener = ctx.listener(pair.socketId());
            if (listener != null) {
                listener.onError(new NetworkError(pair.socketId(), pair.remoteNode(), LinkErrorCode.EXPIRE,
                        "pair " + pair.pairId() + " (circuit " + x.circuit() + ") was given up by " + from + " after "
                                + "its delivery here (" + x.reason() + "): its partner is gone, "
                                + (pair.qubit() >= 0 ? "release its qubit" : "discard its outcome")));
            }
        }
    }

    /** Frees this node's share of a circuit and cancels its link requests; tells nobody. */
    void abandon(Part part) {
        givenUp.put(part.setup.circuit(), true);
        if (part.circuit != null && part.circuit.local != null) {
            if (part.circuit.local.qubit() >= 0) { // a measured half holds no qubit
                ctx.operations.release(part.circuit.local.qubit());
            }
            part.circuit.local = null;
        }
        finish(part);
        // A hop's requests go to the next node of the path; if it is down, its link layer has ended them.
        if (part.index + 1 < part.setup.path().size() && !routes.isDown(part.setup.path().get(part.index + 1))) {
            for (CreateId id : part.creates) {
                ctx.link.cancel(id);
            }
        }
    }

    /** Ends this node's part: stops listening, releases whatever it still holds apart from a delivered pair. */
    void finish(Part part) {
        if (isLive(part)) {
            parts.remove(part.setup.circuit());
        }
        if (part.setup.circuit().equals(purposes.get(part.setup.purposeId()))) {
            purposes.remove(part.setup.purposeId());
            ctx.link.unlisten(part.setup.purposeId());
        }
        cutoffs.cancel(part);
        for (HopPool pool : new HopPool[] {part.towardsHead, part.towardsTail}) {
            if (pool != null) {
                pool.release();
            }
        }
        for (HeldPair p : new HeldPair[] {part.readyHead, part.readyTail}) {
            if (p != null) {
                ctx.operations.release(p.qubit());
            }
        }
        part.readyHead = null;
        part.readyTail = null;
    }

    /** The circuit cannot be served: given up everywhere, its ends' listeners told, its head's request ended. */
    private void fail(Part part, LinkErrorCode code, String message) {
        abandon(part);
        expires.broadcast(part.setup, message);
        CircuitMessages.Setup s = part.setup;
        PairListener listener = ctx.listener(s.socketId());
        if (part.isEnd() && listener != null) {
            String remote = part.isHead() ? s.path().get(s.path().size() - 1) : s.path().get(0);
            listener.onError(new NetworkError(s.socketId(), remote, code, message));
        }
        if (part.isHead()) {
            head.failed(s);
        }
    }

    /** The head cancelled its request on the socket over the path: its circuit in the making is given up. */
    void cancelHeaded(int socketId, List<String> path, String reason) {
        for (Part part : List.copyOf(parts.values())) {
            if (part.isHead() && part.setup.socketId() == socketId && part.setup.path().equals(path)) {
                abandon(part);
                expires.broadcast(part.setup, reason);
            }
        }
    }

    /** A node is down: every circuit through it or ending at it fails here with UNREACHABLE. */
    void peerDown(String peer) {
        for (Part part : List.copyOf(parts.values())) {
            CircuitMessages.Setup s = part.setup;
            if (isLive(part) && s.path().contains(peer)) {
                fail(part, LinkErrorCode.UNREACHABLE, HeadDemands.downMessage(peer, s.circuit(), s.path()));
            }
        }
    }

    /** A node is back with a fresh stack, numbering its circuits from the start: forget its old ones. */
    void peerUp(String peer) {
        String prefix = NodeContext.circuitPrefix(peer);
        for (Map<String, ?> memory : List.of(givenUp, delivered, swaps.early(), distillation.recentReplies())) {
            memory.keySet().removeIf(key -> key.startsWith(prefix)); // keyed by circuit id, or starting with it
        }
    }

    /** Abandons every part (the node closes). */
    void close() {
        for (Part part : List.copyOf(parts.values())) {
            abandon(part);
        }
    }

    /** Setups refused because their purpose id was in use here. */
    long refused() {
        return refused;
    }

    /** Circuits this node gave up itself. */
    long expired() {
        return expired;
    }
}
