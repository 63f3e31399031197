package org.qnetstack.network.internal;

import java.util.HashMap;
import java.util.Map;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkListener;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.LinkService;
import org.qnetstack.network.CircuitId;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.NetworkService;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;

/**
 * The network layer over direct links: a request to a neighbour becomes a link-layer CREATE whose
 * purpose id is the socket id, and every link pair goes up as an end-to-end pair on the circuit named
 * after the link. Pairs keep the link's Bell index: with no swap on the way there is nothing to fold in.
 */
public final class DirectNetworkService implements NetworkService {
    private final String node;
    private final PlatformSpec topology;
    private final LinkService link;
    private final Map<Integer, PairListener> listeners = new HashMap<>();

    public DirectNetworkService(String node, PlatformSpec topology, LinkService link) {
        this.node = node;
        this.topology = topology;
        this.link = link;
    }

    @Override
    public void request(PairRequest r) {
        route(r.remoteNode());
        link.create(new CreateRequest(r.remoteNode(), r.type(), r.number(), r.minFidelity(), r.basis(), r.socketId(),
                r.maxTimeNanos()));
    }

    private CircuitId route(String remote) {
        if (topology.node(remote).isEmpty()) {
            throw new NoRouteException(node, remote, "no such node (nodes: " + String.join(", ",
                    topology.nodes().stream().map(n -> n.name()).toList()) + ")");
        }
        if (remote.equals(node)) {
            throw new NoRouteException(node, remote, "a node cannot entangle with itself");
        }
        return topology.linkBetween(node, remote).map(l -> new CircuitId(l.name())).orElseThrow(() ->
                new NoRouteException(node, remote, "not a neighbour, and repeater routing is not available yet"));
    }

    @Override
    public void listen(int socketId, PairListener listener) {
        listeners.put(socketId, listener);
        link.listen(socketId, new LinkListener() {
            @Override
            public void onPair(LinkPair p) {
                listener.onPair(new EndToEndPair(route(p.remoteNode()), p.entanglementId(), p.purposeId(),
                        p.remoteNode(), p.type(), p.bellIndex(), p.goodness(), p.goodnessTime(), p.qubit(), p.basis(),
                        p.outcome()));
            }

            @Override
            public void onError(LinkError e) {
                String remote = e.createId().node().equals(node) ? "" : e.createId().node();
                listener.onError(new NetworkError(e.purposeId(), remote, e.code(), e.message()));
            }
        });
    }

    @Override
    public void unlisten(int socketId) {
        listeners.remove(socketId);
        link.unlisten(socketId);
    }

    @Override
    public void close() {
        link.close();
    }
}
