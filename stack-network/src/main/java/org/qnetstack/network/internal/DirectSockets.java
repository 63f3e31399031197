package org.qnetstack.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkListener;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.network.CircuitId;
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
    /** Link requests made directly for sockets, for cancel. */
    private final Map<Integer, List<CreateId>> creates = new HashMap<>();
    private final Map<String, CircuitId> linkCircuits = new HashMap<>();

    DirectSockets(NodeContext ctx) {
        this.ctx = ctx;
    }

    void create(PairRequest r) {
        CreateId id = ctx.link.create(new CreateRequest(r.remoteNode(), r.type(), r.number(), r.minFidelity(),
                MeasureBasis.Z, r.socketId(), r.maxTimeNanos()).withBases(r.localBasis(), r.remoteBasis()));
        creates.computeIfAbsent(r.socketId(), k -> new ArrayList<>()).add(id);
    }

    /** Cancels the socket's link requests; whether any was open. */
    boolean cancel(int socketId) {
        boolean any = false;
        for (CreateId id : creates.getOrDefault(socketId, List.of())) {
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
                long now = ctx.now();
                FidelityBounds bounds = ctx.controller == null ? FidelityBounds.UNKNOWN
                        : ctx.controller.bounds(List.of(ctx.node, p.remoteNode()), null, p.goodness(), p.goodness(),
                                p.goodness(), now - p.goodnessTime());
                listener.onPair(new EndToEndPair(linkCircuit(p.remoteNode()), p.entanglementId(), p.purposeId(),
                        p.remoteNode(), p.type(), p.bellIndex(), p.goodness(), p.goodnessTime(), p.qubit(), p.axis(),
                        p.outcome(), bounds.lower(), bounds.upper()));
            }

            @Override
            public void onError(LinkError e) {
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
