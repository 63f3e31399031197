package org.qnetstack.network.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkListener;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.LinkService;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.CircuitId;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.NetworkService;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.PairListener;
import org.qnetstack.network.PairRequest;
import org.qnetstack.physical.ClassicalNetwork;
import org.qnetstack.physical.Envelope;
import org.qnetstack.physical.LocalOperations;

/**
 * The network layer of one node. A request to a neighbour becomes a link-layer CREATE whose purpose id is
 * the socket id. A request to a farther node is served over the shortest path, one end-to-end pair at a
 * time: the head announces a small circuit to every node of the path, each hop's first node asks its link
 * layer for one kept pair with the circuit's purpose id, every repeater swaps as soon as it holds both
 * halves and reports the swap to both ends, and each end delivers once the reported swaps join its link pair
 * to the far end's (see {@link Circuit}). Swapping one pair at a time needs two qubits at a repeater and
 * cannot deadlock; cutoffs, distillation and admission control are not built yet.
 */
public final class CircuitNetworkService implements NetworkService {
    private static final Logger LOG = Logger.getLogger(CircuitNetworkService.class.getName());
    /** Purpose ids of circuits, apart from the socket ids applications use. */
    static final int CIRCUIT_PURPOSE_BASE = 1 << 30;

    private final String node;
    private final PlatformSpec topology;
    private final LinkService link;
    private final ClassicalNetwork classical;
    private final LocalOperations operations;
    private final Scheduler scheduler;
    private final Map<Integer, PairListener> listeners = new HashMap<>();
    private final Map<String, Circuit> circuits = new HashMap<>();
    private final Map<String, List<CircuitMessages.Swapped>> earlySwaps = new HashMap<>();
    private final Map<String, ArrayDeque<LinkPair>[]> held = new HashMap<>();
    private final Map<Integer, int[]> remainingBySocket = new HashMap<>();
    private long nextCircuit;
    private long rejected;

    public CircuitNetworkService(String node, PlatformSpec topology, LinkService link, ClassicalNetwork classical,
                                 LocalOperations operations, Scheduler scheduler) {
        this.node = node;
        this.topology = topology;
        this.link = link;
        this.classical = classical;
        this.operations = operations;
        this.scheduler = scheduler;
        classical.register(node, CircuitMessages.PROTOCOL, this::onMessage);
    }

    @Override
    public void request(PairRequest r) {
        List<String> path = route(r.remoteNode());
        if (path.size() == 2) {
            link.create(new CreateRequest(r.remoteNode(), r.type(), r.number(), r.minFidelity(), r.basis(),
                    r.socketId(), r.maxTimeNanos()));
            return;
        }
        if (r.type() != RequestType.KEEP) {
            throw new NoRouteException(node, r.remoteNode(), "measure-directly pairs across repeaters are not "
                    + "supported yet: ask for kept pairs and measure them");
        }
        if (r.number() < 1) {
            throw new org.qnetstack.link.InvalidRequestException("number", "ask for at least one pair (was "
                    + r.number() + ")");
        }
        int[] remaining = remainingBySocket.computeIfAbsent(r.socketId(), s -> new int[1]);
        boolean idle = remaining[0] == 0;
        remaining[0] += r.number();
        if (idle) {
            startCircuit(path, r.socketId(), perLinkFidelity(r.minFidelity(), path.size() - 1));
        }
    }

    /**
     * The fidelity each of n links must reach so that n Werner pairs swapped perfectly reach {@code f}:
     * w_link = w^(1/n) (physics.md: swapping multiplies Werner weights).
     */
    static double perLinkFidelity(double f, int links) {
        double w = Math.max(0, (4 * f - 1) / 3);
        return (3 * Math.pow(w, 1.0 / links) + 1) / 4;
    }

    private void startCircuit(List<String> path, int socketId, double linkMinFidelity) {
        long seq = nextCircuit++;
        String id = node + "/circuit-" + seq;
        int purpose = CIRCUIT_PURPOSE_BASE + (int) (Math.floorMod(id.hashCode(), 1 << 29));
        CircuitMessages.Setup setup = new CircuitMessages.Setup(id, purpose, List.copyOf(path), socketId, linkMinFidelity);
        for (String other : path) {
            if (!other.equals(node)) {
                classical.send(node, other, CircuitMessages.PROTOCOL, setup);
            }
        }
        join(setup);
    }

    /** The shortest path (by hops) from this node to the remote one, both included. */
    List<String> route(String remote) {
        if (remote.equals(node)) {
            throw new NoRouteException(node, remote, "a node cannot entangle with itself");
        }
        if (topology.node(remote).isEmpty()) {
            throw new NoRouteException(node, remote, "no such node (nodes: " + String.join(", ",
                    topology.nodes().stream().map(n -> n.name()).toList()) + ")");
        }
        Map<String, String> previous = new HashMap<>();
        ArrayDeque<String> frontier = new ArrayDeque<>(List.of(node));
        previous.put(node, node);
        while (!frontier.isEmpty()) {
            String at = frontier.poll();
            for (LinkSpec l : topology.links()) {
                if (l.connects(at)) {
                    String next = l.otherEnd(at);
                    if (!previous.containsKey(next)) {
                        previous.put(next, at);
                        frontier.add(next);
                    }
                }
            }
        }
        if (!previous.containsKey(remote)) {
            throw new NoRouteException(node, remote, "no path in the topology");
        }
        List<String> path = new ArrayList<>();
        for (String at = remote; !at.equals(node); at = previous.get(at)) {
            path.add(0, at);
        }
        path.add(0, node);
        return path;
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
        if (e.payload() instanceof CircuitMessages.Setup s && s.path().contains(node) && s.path().get(0).equals(e.from())) {
            join(s);
        } else if (e.payload() instanceof CircuitMessages.Swapped s) {
            Circuit c = circuits.get(s.circuit());
            if (c == null) {
                earlySwaps.computeIfAbsent(s.circuit(), k -> new ArrayList<>()).add(s);
            } else {
                c.record(s);
                tryDeliver(c);
            }
        } else {
            rejected++;
            LOG.warning(() -> node + ": rejected a network message from " + e.from());
        }
    }

    /** This node's part in a circuit: listen for its link pairs and, unless last, ask for the next hop's pair. */
    private void join(CircuitMessages.Setup s) {
        int index = s.path().indexOf(node);
        boolean end = index == 0 || index == s.path().size() - 1;
        if (end) {
            Circuit c = new Circuit(s);
            circuits.put(s.circuit(), c);
            for (CircuitMessages.Swapped early : earlySwaps.getOrDefault(s.circuit(), List.of())) {
                c.record(early);
            }
            earlySwaps.remove(s.circuit());
        } else {
            @SuppressWarnings("unchecked")
            ArrayDeque<LinkPair>[] sides = new ArrayDeque[] {new ArrayDeque<LinkPair>(), new ArrayDeque<LinkPair>()};
            held.put(s.circuit(), sides);
        }
        link.listen(s.purposeId(), new LinkListener() {
            @Override
            public void onPair(LinkPair pair) {
                if (end) {
                    Circuit c = circuits.get(s.circuit());
                    c.local = pair;
                    tryDeliver(c);
                } else {
                    holdForSwap(s, index, pair);
                }
            }

            @Override
            public void onError(LinkError error) {
                fail(s, error.code(), error.message());
            }
        });
        if (index < s.path().size() - 1) {
            link.create(new CreateRequest(s.path().get(index + 1), RequestType.KEEP, 1, s.linkMinFidelity(),
                    MeasureBasis.Z, s.purposeId()));
        }
    }

    /** A repeater swaps as soon as it holds a pair on each side. */
    private void holdForSwap(CircuitMessages.Setup s, int index, LinkPair pair) {
        ArrayDeque<LinkPair>[] sides = held.get(s.circuit());
        boolean towardsHead = pair.remoteNode().equals(s.path().get(index - 1));
        sides[towardsHead ? 0 : 1].add(pair);
        if (sides[0].isEmpty() || sides[1].isEmpty()) {
            return;
        }
        LinkPair left = sides[0].poll();
        LinkPair right = sides[1].poll();
        int bsm = operations.bellStateMeasurement(left.qubit(), right.qubit());
        CircuitMessages.Swapped swapped = new CircuitMessages.Swapped(s.circuit(), left.entanglementId(),
                left.bellIndex(), right.entanglementId(), right.bellIndex(), bsm, left.goodness(), right.goodness());
        classical.send(node, s.path().get(0), CircuitMessages.PROTOCOL, swapped);
        classical.send(node, s.path().get(s.path().size() - 1), CircuitMessages.PROTOCOL, swapped);
        held.remove(s.circuit());
        link.unlisten(s.purposeId());
    }

    private void tryDeliver(Circuit c) {
        Circuit.Joined joined = c.joined();
        if (joined == null) {
            return;
        }
        CircuitMessages.Setup s = c.setup;
        circuits.remove(s.circuit());
        link.unlisten(s.purposeId());
        boolean head = s.path().get(0).equals(node);
        String remote = head ? s.path().get(s.path().size() - 1) : s.path().get(0);
        LinkPair local = c.local;
        PairListener listener = listeners.get(s.socketId());
        EndToEndPair pair = new EndToEndPair(new CircuitId(s.circuit()), joined.id(), s.socketId(), remote,
                RequestType.KEEP, joined.bellIndex(), joined.fidelity(), scheduler.clock().nanos(), local.qubit(), null, -1);
        if (listener == null) {
            operations.release(local.qubit());
            LOG.warning(() -> node + ": nobody listens on socket " + s.socketId() + "; end-to-end pair released");
        } else {
            listener.onPair(pair);
        }
        if (head) {
            int[] remaining = remainingBySocket.get(s.socketId());
            if (--remaining[0] > 0) {
                startCircuit(s.path(), s.socketId(), s.linkMinFidelity());
            }
        }
    }

    private void fail(CircuitMessages.Setup s, LinkErrorCode code, String message) {
        link.unlisten(s.purposeId());
        circuits.remove(s.circuit());
        ArrayDeque<LinkPair>[] sides = held.remove(s.circuit());
        if (sides != null) {
            for (ArrayDeque<LinkPair> side : sides) {
                side.forEach(p -> operations.release(p.qubit()));
            }
        }
        PairListener listener = listeners.get(s.socketId());
        boolean end = s.path().get(0).equals(node) || s.path().get(s.path().size() - 1).equals(node);
        if (end && listener != null) {
            String remote = s.path().get(0).equals(node) ? s.path().get(s.path().size() - 1) : s.path().get(0);
            listener.onError(new NetworkError(s.socketId(), remote, code, message));
        }
        if (s.path().get(0).equals(node)) {
            remainingBySocket.remove(s.socketId());
        }
    }

    @Override
    public void listen(int socketId, PairListener listener) {
        listeners.put(socketId, listener);
        link.listen(socketId, new LinkListener() {
            @Override
            public void onPair(LinkPair p) {
                listener.onPair(new EndToEndPair(new CircuitId(topology.linkBetween(node, p.remoteNode())
                        .orElseThrow().name()), p.entanglementId(), p.purposeId(), p.remoteNode(), p.type(),
                        p.bellIndex(), p.goodness(), p.goodnessTime(), p.qubit(), p.basis(), p.outcome()));
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

    /** Network messages rejected (malformed, or a setup from a node not at the head of its path). */
    public long rejected() {
        return rejected;
    }

    @Override
    public void close() {
        classical.unregister(node, CircuitMessages.PROTOCOL);
        for (ArrayDeque<LinkPair>[] sides : held.values()) {
            for (ArrayDeque<LinkPair> side : sides) {
                side.forEach(p -> operations.release(p.qubit()));
            }
        }
        held.clear();
        for (Circuit c : circuits.values()) {
            if (c.local != null) {
                operations.release(c.local.qubit());
            }
        }
        circuits.clear();
        link.close();
    }

}
