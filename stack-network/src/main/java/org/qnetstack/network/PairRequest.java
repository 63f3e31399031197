package org.qnetstack.network;

import org.jspecify.annotations.Nullable;

import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;

/**
 * A request for end-to-end pairs with another end node.
 *
 * @param remoteNode  the other end node
 * @param type        keep or measure-directly
 * @param number      number of pairs, ≥ 1
 * @param minFidelity minimum end-to-end fidelity at delivery, in [0, 1]
 * @param localBasis  how the requesting end chooses the axis to measure each measure-directly pair along
 * @param remoteBasis how the other end chooses its axis
 * @param socketId    the transport's socket id, delivered with each pair at both ends
 * @param maxTimeNanos how long the request may take, in ns; 0 for no limit
 * @param policy      distillation and cutoff for the circuit ({@link CircuitPolicy#NONE} for neither). Across
 *                    repeaters, or under another policy, a measure-directly pair's ends measure their halves as
 *                    soon as they hold them (the circuit's link pairs are kept until then)
 * @param pairsPerSecond the end-to-end rate to reserve, pairs per second; 0 for best effort (no reservation).
 *                    A network with an admission controller refuses a rate it cannot serve, and paces the
 *                    circuit's pairs to this rate
 * @param admitted    whether the network's controller, if it has one, plans and admits the request (its
 *                    quantum-aware path, a reservation, a refusal before any pair); false serves it as a network
 *                    without a controller does: hop-shortest path, best effort, each hop asked for its share of
 *                    {@code minFidelity} ({@link #bestEffort()})
 * @param testing     end-to-end test pairs to sacrifice to measure the pairs' fidelity, or null for none. Only
 *                    circuits test pairs: a request that asks for them is never served by a plain link request
 */
public record PairRequest(String remoteNode, RequestType type, int number, double minFidelity,
                          BasisChoice localBasis, BasisChoice remoteBasis, int socketId, long maxTimeNanos,
                          CircuitPolicy policy, double pairsPerSecond, boolean admitted,
                          @Nullable FidelityTesting testing) {
    public PairRequest {
        if (policy == null) {
            throw new org.qnetstack.link.InvalidRequestException("policy", "give CircuitPolicy.NONE for none");
        }
        if (!(pairsPerSecond >= 0) || Double.isInfinite(pairsPerSecond)) {
            throw new org.qnetstack.link.InvalidRequestException("pairsPerSecond", "must be finite and ≥ 0 (0 for "
                    + "best effort) (was " + pairsPerSecond + ")");
        }
    }

    /** A request without test pairs. */
    public PairRequest(String remoteNode, RequestType type, int number, double minFidelity,
                       BasisChoice localBasis, BasisChoice remoteBasis, int socketId, long maxTimeNanos,
                       CircuitPolicy policy, double pairsPerSecond, boolean admitted) {
        this(remoteNode, type, number, minFidelity, localBasis, remoteBasis, socketId, maxTimeNanos, policy,
                pairsPerSecond, admitted, null);
    }

    /** The same request with test pairs ({@code null} for none). */
    public PairRequest withTesting(@Nullable FidelityTesting testing) {
        return new PairRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, socketId, maxTimeNanos,
                policy, pairsPerSecond, admitted, testing);
    }

    /** A request the network's controller, if any, admits. */
    public PairRequest(String remoteNode, RequestType type, int number, double minFidelity,
                       BasisChoice localBasis, BasisChoice remoteBasis, int socketId, long maxTimeNanos,
                       CircuitPolicy policy, double pairsPerSecond) {
        this(remoteNode, type, number, minFidelity, localBasis, remoteBasis, socketId, maxTimeNanos, policy,
                pairsPerSecond, true);
    }

    /**
     * The same request served as without a controller, even on a network that has one: hop-shortest path, no
     * reservation, no admission (the rate must be 0).
     */
    public PairRequest bestEffort() {
        if (pairsPerSecond > 0) {
            throw new org.qnetstack.link.InvalidRequestException("pairsPerSecond", "a best-effort request reserves "
                    + "no rate (was " + pairsPerSecond + ")");
        }
        return new PairRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, socketId, maxTimeNanos,
                policy, 0, false, testing);
    }

    /** A best-effort request (no rate reserved). */
    public PairRequest(String remoteNode, RequestType type, int number, double minFidelity,
                       BasisChoice localBasis, BasisChoice remoteBasis, int socketId, long maxTimeNanos,
                       CircuitPolicy policy) {
        this(remoteNode, type, number, minFidelity, localBasis, remoteBasis, socketId, maxTimeNanos, policy, 0);
    }

    /** The same request with a rate to reserve. */
    public PairRequest withRate(double pairsPerSecond) {
        return new PairRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, socketId, maxTimeNanos,
                policy, pairsPerSecond, admitted, testing);
    }

    /** The same basis choice at both ends. */
    public PairRequest(String remoteNode, RequestType type, int number, double minFidelity, MeasureBasis basis,
                       int socketId, long maxTimeNanos, CircuitPolicy policy) {
        this(remoteNode, type, number, minFidelity, basis == null ? null : basis.choice(),
                basis == null ? null : basis.choice(), socketId, maxTimeNanos, policy);
    }

    /** A request with neither distillation nor cutoff. */
    public PairRequest(String remoteNode, RequestType type, int number, double minFidelity, MeasureBasis basis,
                       int socketId, long maxTimeNanos) {
        this(remoteNode, type, number, minFidelity, basis, socketId, maxTimeNanos, CircuitPolicy.NONE);
    }

    /** A request with no time limit. */
    public PairRequest(String remoteNode, RequestType type, int number, double minFidelity, MeasureBasis basis,
                       int socketId) {
        this(remoteNode, type, number, minFidelity, basis, socketId, 0);
    }
}
