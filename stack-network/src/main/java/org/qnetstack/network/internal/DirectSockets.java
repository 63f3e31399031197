package org.qnetstack.network.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.jspecify.annotations.Nullable;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkListener;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.network.CircuitId;
import org.qnetstack.network.DemandId;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;

/**
 * Sockets over a single link: a request to a neighbour with no circuit policy becomes a link-layer CREATE
 * whose purpose id is the socket id, and the link layer's pairs and errors on that purpose id reach the
 * socket's listener as end-to-end pairs (named after the link) and network errors.
 */
final class DirectSockets {
    private final NodeContext ctx;
    /**
     * Link requests made directly for sockets and still open, with the pairs each still owes, for cancel; in the
     * order they were made. A request leaves once it has its pairs or has ended (issue 15: nothing kept per
     * request after it is over).
     */
    private final Map<Integer, Map<CreateId, Integer>> creates = new HashMap<>();
    /** A direct request is being made: the link layer may end it before its id is returned. */
    private boolean creating;
    private @Nullable CreateId endedWhileCreating;
    private final Map<String, CircuitId> linkCircuits = new HashMap<>();

    DirectSockets(NodeContext ctx) {
        this.ctx = ctx;
    }

    /** Asks the link layer; the request's id is its link request's (known at both ends of the link). */
    DemandId create(PairRequest r) {
        CreateId id;
        creating = true;
        try {
            id = ctx.link.create(new CreateRequest(r.remoteNode(), r.type(), r.number(), r.minFidelity(),
                    MeasureBasis.Z, r.socketId(), r.maxTimeNanos()).withBases(r.localBasis(), r.remoteBasis()));
        } finally {
            creating = false;
        }
        if (id.equals(endedWhileCreating)) {
            endedWhileCreating = null; // refused at once (e.g. the master's queue is full): nothing to cancel
        } else {
            creates.computeIfAbsent(r.socketId(), k -> new LinkedHashMap<>()).put(id, r.number());
        }
        return demandOf(id);
    }

    private static DemandId demandOf(CreateId id) {
        return new DemandId(id.node(), id.id(), false);
    }

    /**
     * Cancels one link request, made here or by the neighbour (the link layer stops it at both ends, and both
     * report CANCELLED once the pairs already agreed on are delivered, which ends it here).
     *
     * @return false if the link layer knows no open request with that id
     */
    boolean cancel(DemandId id) {
        return ctx.link.cancel(new CreateId(id.node(), id.sequence()));
    }

    /** A direct request made here got a pair (its last: it is over) or ended (any code but EXPIRE). */
    private void pairOrEnd(int socketId, CreateId id, boolean ended) {
        Map<CreateId, Integer> open = creates.get(socketId);
        Integer owed = open == null ? null : open.get(id);
        if (owed == null) {
            if (ended && creating) {
                endedWhileCreating = id;
            }
            return; // the other end's request, or cancelled here already
        }
        if (ended || owed <= 1) {
            open.remove(id);
            if (open.isEmpty()) {
                creates.remove(socketId);
            }
        } else {
            open.put(id, owed - 1);
        }
    }

    /** Link requests made directly for sockets and still open (for tests that check nothing is kept). */
    int open() {
        return creates.values().stream().mapToInt(Map::size).sum();
    }

    /** Cancels the socket's link requests; whether any was open. */
    boolean cancel(int socketId) {
        boolean any = false;
        for (CreateId id : creates.getOrDefault(socketId, Map.of()).keySet()) {
            any |= ctx.link.cancel(id);
        }
        creates.remove(socketId);
        return any;
    }

    /** Registers the socket's listener, and listens on its purpose id at the link layer for direct pairs. */
    void listen(int socketId, PairListener listener) {
        ctx.listeners.put(socketId, listener);
        ctx.link.listen(socketId, new LinkListener() {
            @Override
            public void onPair(LinkPair p) {
                pairOrEnd(socketId, p.createId(), false);
                long now = ctx.now();
                FidelityBounds bounds = ctx.controller == null ? FidelityBounds.UNKNOWN
                        : ctx.controller.bounds(List.of(ctx.node, p.remoteNode()), null, p.goodness(), p.goodness(),
                                p.goodness(), now - p.goodnessTime());
                listener.onPair(new EndToEndPair(linkCircuit(p.remoteNode()), p.entanglementId(), p.purposeId(),
                        p.remoteNode(), p.type(), p.bellIndex(), p.goodness(), p.goodnessTime(), p.qubit(), p.axis(),
                        p.outcome(), bounds.lower(), bounds.upper(), demandOf(p.createId()), null));
            }

            @Override
            public void onError(LinkError e) {
                if (e.code() != LinkErrorCode.EXPIRE) { // EXPIRE: one pair given up, the request goes on
                    pairOrEnd(socketId, e.createId(), true);
                }
                String remote = e.createId().node().equals(ctx.node) ? "" : e.createId().node();
                listener.onError(new NetworkError(e.purposeId(), remote, e.code(), e.message()));
            }
        });
    }

    void unlisten(int socketId) {
        ctx.listeners.remove(socketId);
        ctx.link.unlisten(socketId);
    }

    /** The circuit id of a single-hop pair: its link's name (looked up once per neighbour, not per pair). */
    private CircuitId linkCircuit(String neighbour) {
        CircuitId id = linkCircuits.get(neighbour);
        if (id == null) {
            id = new CircuitId(ctx.topology.linkBetween(ctx.node, neighbour).orElseThrow().name());
            linkCircuits.put(neighbour, id);
        }
        return id;
    }
}
