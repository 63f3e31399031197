package org.qnetstack.link.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.FidelityEstimate;
import org.qnetstack.link.InvalidRequestException;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkLayer;
import org.qnetstack.link.LinkListener;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.RequestType;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.physical.PhotonicInterface;
import org.qnetstack.physical.QubitMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link layer of one node: one {@link LinkEndpoint} per link the node is an end of. A keep request
 * that finds no free communication qubit for {@link #DEFAULT_NO_RESOURCE_NANOS} (changeable with
 * {@link #setNoResourceTimeout}) ends with ERR NORES at both ends. A neighbour reported down
 * ({@link #peerDown}) has its link's requests ended with ERR UNREACHABLE and its qubits freed; requests to it
 * are refused with UNREACHABLE until it is reported back up ({@link #peerUp}).
 */
public final class DefaultLinkService implements LinkLayer {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultLinkService.class);
    /** Pairs and errors nobody listens for, listeners that throw: one per pair at worst, so rate-limited. */
    private final RateLimitedLog undeliveredLog = RateLimitedLog.warnings(LOG);
    private static final double ALPHA_FLOOR = 1e-6;
    private static final int ALPHA_GRID = 241;
    /** Fidelities computed from a model carry rounding: 0.8 may come out as 0.7999999999999999. */
    private static final double FIDELITY_TOLERANCE = 1e-9;
    /**
     * Fidelity a keep request's α aims above its minimum, for the decay between herald and delivery (the
     * agreement of both ends): 10⁻³ covers tens of round trips on the presets' memories.
     */
    public static final double KEEP_DECAY_MARGIN = 1e-3;
    /** How long memory may stay full under a keep request before it ends with NORES: 1 s. */
    public static final long DEFAULT_NO_RESOURCE_NANOS = 1_000_000_000L;

    private final String node;
    private final Scheduler scheduler;
    private final Map<String, LinkEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<Integer, LinkListener> listeners = new HashMap<>();
    private final QubitMemory memory;
    private long nextCreateId = 1;
    private long undelivered;
    private long listenerFailures;

    /** What the link ends hand up: to this service's listeners. */
    private final LinkUpcalls upcalls = new LinkUpcalls() {
        @Override
        public Delivery deliver(LinkPair pair) {
            return DefaultLinkService.this.deliver(pair);
        }

        @Override
        public void deliverError(LinkError error) {
            DefaultLinkService.this.deliverError(error);
        }
    };

    /** What became of a pair handed to the upper layer. */
    enum Delivery {
        TAKEN, NO_LISTENER, FAILED
    }

    public DefaultLinkService(String node, Platform platform, ClassicalNetwork network, QubitMemory memory) {
        this.node = node;
        this.scheduler = platform.scheduler(node);
        this.memory = memory;
        // One optical interface per node, whatever its number of links: one photon at a time.
        PhotonicInterface photonic = new PhotonicInterface();
        for (LinkSpec spec : platform.spec().linksOf(node)) {
            LinkEndpoint e = new LinkEndpoint(node, platform.link(spec.name()), platform.device(node), memory,
                    scheduler, network, upcalls, platform.random("link/" + node + "/" + spec.name()), photonic,
                    DEFAULT_NO_RESOURCE_NANOS);
            endpoints.put(e.peer(), e);
        }
    }

    @Override
    public CreateId create(CreateRequest request) {
        request.validate();
        LinkEndpoint endpoint = endpoint(request.remoteNode());
        CreateId id = new CreateId(node, nextCreateId++);
        if (endpoint.isPeerDown()) {
            return refuse(id, request, LinkErrorCode.UNREACHABLE, request.remoteNode() + " is down (crashed or cut "
                    + "off); retry once it is back");
        }
        double alpha = alphaFor(request.remoteNode(), request.minFidelity());
        if (request.type() == RequestType.KEEP && !Double.isNaN(alpha)) {
            // A kept pair decays while both ends agree on it (a round trip, a few when messages are lost): aim a
            // little above the minimum so that it still holds at delivery, where the link can.
            double withMargin = alphaFor(request.remoteNode(), Math.min(1, request.minFidelity() + KEEP_DECAY_MARGIN));
            alpha = Double.isNaN(withMargin) ? alpha : withMargin;
        }
        if (Double.isNaN(alpha)) {
            return refuse(id, request, LinkErrorCode.UNSUPP, String.format("minimum fidelity %.4f is above what the "
                    + "link to %s can give at any α (at most %.4f); ask for less, or use distillation",
                    request.minFidelity(), request.remoteNode(), bestFidelity(request.remoteNode())));
        }
        if (request.atomic() && request.type() == RequestType.KEEP && request.number() > memory.capacity()) {
            return refuse(id, request, LinkErrorCode.NORES, String.format("an atomic request for %d kept pairs needs "
                    + "%d qubits at once; %s has %d: ask for at most %d, or drop atomic", request.number(),
                    request.number(), node, memory.capacity(), memory.capacity()));
        }
        if (request.maxTimeNanos() > 0) {
            long minimum = endpoint.minimumPairNanos();
            if (request.maxTimeNanos() < minimum) {
                return refuse(id, request, LinkErrorCode.UNSUPP, String.format("max time %.3f µs is shorter than any "
                        + "pair on the link to %s can take (%.3f µs: the queue's lead, one slot and the herald's "
                        + "flight); allow more time", request.maxTimeNanos() / 1e3, request.remoteNode(), minimum / 1e3));
            }
            long expected = endpoint.expectedServiceNanos(request, alpha);
            if (expected > request.maxTimeNanos()) {
                return refuse(id, request, LinkErrorCode.NOTIME, String.format("at the present load the link to %s "
                        + "would need about %.6f s for this request (the queue ahead and %d pairs at %.3g per attempt), "
                        + "more than its max time %.6f s; ask for fewer pairs, a lower fidelity, more time, or a higher "
                        + "priority", request.remoteNode(), expected / 1e9, request.number(),
                        endpoint.link().successProbability(alpha), request.maxTimeNanos() / 1e9));
            }
        }
        long deadline = request.maxTimeNanos() == 0 ? Long.MAX_VALUE : scheduler.clock().nanos() + request.maxTimeNanos();
        endpoint.submit(id, request, alpha, endpoint.fidelityEstimate(alpha).goodness(), deadline);
        return id;
    }

    /** Answers a request with an ERR at once (on the loop, after the ACK returns): nothing was queued. */
    private CreateId refuse(CreateId id, CreateRequest request, LinkErrorCode code, String message) {
        LinkError err = new LinkError(id, request.purposeId(), code, message, -1, -1);
        scheduler.execute(() -> deliverError(err));
        return id;
    }

    private LinkEndpoint endpoint(String remote) {
        LinkEndpoint endpoint = endpoints.get(remote);
        if (endpoint == null) {
            throw new InvalidRequestException("remoteNode", "'" + remote + "' is not a neighbour of " + node
                    + " (neighbours: " + String.join(", ", endpoints.keySet()) + ")");
        }
        return endpoint;
    }

    @Override
    public double alphaFor(String remoteNode, double minFidelity) {
        var link = endpoint(remoteNode).link();
        // Fidelity is not monotone in α: at tiny α dark counts dominate the heralds, at large α the
        // two-photon term does. Scan a logarithmic grid from the top for the largest α that meets the
        // minimum, then refine between it and the next grid point above.
        double max = link.maxAlpha();
        double ratio = Math.pow(max / ALPHA_FLOOR, 1.0 / (ALPHA_GRID - 1));
        double above = Double.NaN;
        for (int i = ALPHA_GRID - 1; i >= 0; i--) {
            double alpha = i == ALPHA_GRID - 1 ? max : ALPHA_FLOOR * Math.pow(ratio, i);
            if (link.heraldedFidelity(alpha) >= minFidelity - FIDELITY_TOLERANCE) {
                if (Double.isNaN(above)) {
                    return alpha;
                }
                double lo = alpha;
                double hi = above;
                for (int k = 0; k < 50; k++) {
                    double mid = (lo + hi) / 2;
                    if (link.heraldedFidelity(mid) >= minFidelity - FIDELITY_TOLERANCE) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                return lo;
            }
            above = alpha;
        }
        return Double.NaN;
    }

    /** The best fidelity the link offers at any α (found on the same grid). */
    private double bestFidelity(String remoteNode) {
        var link = endpoint(remoteNode).link();
        double ratio = Math.pow(link.maxAlpha() / ALPHA_FLOOR, 1.0 / (ALPHA_GRID - 1));
        double best = 0;
        for (int i = 0; i < ALPHA_GRID; i++) {
            best = Math.max(best, link.heraldedFidelity(ALPHA_FLOOR * Math.pow(ratio, i)));
        }
        return best;
    }

    @Override
    public double expectedFidelity(String remoteNode, double alpha) {
        return endpoint(remoteNode).link().heraldedFidelity(alpha);
    }

    @Override
    public FidelityEstimate fidelityEstimate(String remoteNode, double alpha) {
        return endpoint(remoteNode).fidelityEstimate(alpha);
    }

    /** How many requests the master end of each of this node's links queues at most (beyond: REJECTED). */
    public void setQueueLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the queue limit must be ≥ 1 (was " + limit + ")");
        }
        endpoints.values().forEach(e -> e.setQueueLimit(limit));
    }

    @Override
    public void listen(int purposeId, LinkListener listener) {
        listeners.put(purposeId, listener);
    }

    @Override
    public void unlisten(int purposeId) {
        listeners.remove(purposeId);
    }

    /** Hands a pair to its purpose's listener; unless TAKEN, the caller releases the qubit. */
    Delivery deliver(LinkPair pair) {
        LinkListener l = listeners.get(pair.purposeId());
        if (l == null) {
            undelivered++;
            undeliveredLog.log("{}: no listener for purpose {}; pair {} discarded", node, pair.purposeId(),
                    pair.entanglementId());
            return Delivery.NO_LISTENER;
        }
        try {
            l.onPair(pair);
            return Delivery.TAKEN;
        } catch (RuntimeException e) {
            listenerFailures++;
            undeliveredLog.log("{}: the listener for purpose {} threw on pair {}", node, pair.purposeId(),
                    pair.entanglementId(), e);
            return Delivery.FAILED;
        }
    }

    void deliverError(LinkError error) {
        LinkListener l = listeners.get(error.purposeId());
        if (l == null) {
            undeliveredLog.log("{}: unhandled link error {}", node, error);
            return;
        }
        try {
            l.onError(error);
        } catch (RuntimeException e) {
            listenerFailures++;
            undeliveredLog.log("{}: the listener for purpose {} threw on {}", node, error.purposeId(), error.code(), e);
        }
    }

    /** Times an upper-layer listener threw (each was caught, counted and logged). */
    public long listenerFailures() {
        return listenerFailures;
    }

    /** Pairs discarded because nobody listened for their purpose. */
    public long undelivered() {
        return undelivered;
    }

    /** Attempts made on the link to a neighbour (for statistics). */
    public long attempts(String remote) {
        return endpoint(remote).attempts();
    }

    @Override
    public boolean cancel(CreateId createId) {
        for (LinkEndpoint e : endpoints.values()) {
            if (e.cancel(createId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A node crashed or is cut off from this one. If it is a neighbour, every request on the link to it ends
     * with ERR UNREACHABLE and every qubit held for the link is freed at once; new requests to it are refused
     * with UNREACHABLE. Any other node is no concern of the link layer. Idempotent.
     *
     * @return the requests ended
     */
    public int peerDown(String peer) {
        LinkEndpoint e = endpoints.get(peer);
        return e == null ? 0 : e.peerDown();
    }

    /**
     * A node that was down is back with a fresh stack: the link to it serves requests again, from a fresh
     * queue. Does nothing for a neighbour that was not down, or a node that is not a neighbour.
     */
    public void peerUp(String peer) {
        LinkEndpoint e = endpoints.get(peer);
        if (e != null) {
            e.peerUp();
        }
    }

    /** How long a keep request may find memory full (no free communication qubit) before NORES, in ns. */
    public void setNoResourceTimeout(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("the NORES bound must be > 0 ns (was " + nanos + ")");
        }
        endpoints.values().forEach(e -> e.setNoResourceNanos(nanos));
    }

    /** What the link to a neighbour has been through (for tests and reports). */
    public LinkCounters counters(String remote) {
        LinkEndpoint e = endpoint(remote);
        return new LinkCounters(e.expired(), e.discarded(), e.tested(), e.retransmissions(), e.rejectedMessages(),
                e.heldPairs(), e.deviceFailures());
    }

    /**
     * What the link to a neighbour keeps per request and per pair now (sizes of its queue, records, held pairs,
     * messages awaiting acknowledgement, …), once the records of requests over for longer than
     * {@link #retentionNanos} are forgotten: every one is 0 when the link is idle and that time has passed, so a
     * test or a soak run can check that nothing grows with the requests served.
     */
    public Map<String, Integer> retained(String remote) {
        return endpoint(remote).retained();
    }

    /** How long the link to a neighbour keeps a request's record after the request is over, in ns. */
    public long retentionNanos(String remote) {
        return endpoint(remote).retentionNanos();
    }

    /**
     * Counters of one end of a link.
     *
     * @param expired          pairs given up with ERR EXPIRE at this end
     * @param discarded        pairs released silently (their request had its pairs or had ended)
     * @param tested           pairs sacrificed as test rounds
     * @param retransmissions  link-layer messages sent again for want of an acknowledgement
     * @param rejectedMessages messages from the peer that made no sense here
     * @param heldPairs        pairs held now, awaiting the master's decision or their turn to be handed up
     * @param deviceFailures   attempts the device failed to make (ERR CREATE)
     */
    public record LinkCounters(long expired, long discarded, long tested, long retransmissions, long rejectedMessages,
                               int heldPairs, long deviceFailures) {
    }

    @Override
    public void close() {
        endpoints.values().forEach(LinkEndpoint::close);
    }
}
