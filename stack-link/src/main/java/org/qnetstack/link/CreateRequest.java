package org.qnetstack.link;

/**
 * A request to the link layer for entangled pairs with a neighbour (the CREATE of the entanglement
 * generation service). Start from {@link #keep} or {@link #measure} and refine with the {@code with…}
 * methods; each returns a new request.
 *
 * @param remoteNode   the neighbour at the other end of the link
 * @param type         keep or measure-directly
 * @param number       number of pairs, ≥ 1
 * @param minFidelity  minimum fidelity of each pair at delivery, in [0, 1]
 * @param localBasis   measure-directly: how the requesting end chooses its measurement axis per pair
 * @param remoteBasis  measure-directly: how the other end chooses its axis (drawn there, independently)
 * @param purposeId    tag of the upper-layer user, like a port; delivered with every pair at both ends
 * @param maxTimeNanos how long the request may take from its CREATE, in ns; 0 for no limit. Pairs not made by
 *                     then are given up at both ends with ERR TIMEOUT; a request that cannot be served in time
 *                     at the link's present load is refused at once with NOTIME, and one shorter than a
 *                     single pair can ever take with UNSUPP.
 * @param priority     the scheduling class (strict priority between classes)
 * @param weight       the request's share of the link within its class (weighted fair queueing), 1..1000
 * @param atomic       all pairs must exist at the same time: none is handed up before the last is made, and
 *                     a keep request for more pairs than the memory holds is refused (NORES)
 * @param consecutive  the pairs are made back to back: once the request is first in its class, no other
 *                     request of that class is served until it ends (higher classes still are)
 * @param testFraction fraction of the heralded pairs sacrificed as test rounds, measured at both ends in a
 *                     random common basis to estimate the fidelity online, in [0, 0.5]
 */
public record CreateRequest(String remoteNode, RequestType type, int number, double minFidelity,
                            BasisChoice localBasis, BasisChoice remoteBasis, int purposeId, long maxTimeNanos,
                            Priority priority, int weight, boolean atomic, boolean consecutive,
                            double testFraction) {
    /** The largest weight: weights are shares, not absolute rates. */
    public static final int MAX_WEIGHT = 1000;

    /** A request with the same basis choice at both ends, no time limit and the defaults of {@link #keep}. */
    public CreateRequest(String remoteNode, RequestType type, int number, double minFidelity, MeasureBasis basis,
                         int purposeId) {
        this(remoteNode, type, number, minFidelity, basis, purposeId, 0);
    }

    /** As above, with a max time in ns (0 for none). */
    public CreateRequest(String remoteNode, RequestType type, int number, double minFidelity, MeasureBasis basis,
                         int purposeId, long maxTimeNanos) {
        this(remoteNode, type, number, minFidelity, basis == null ? null : basis.choice(),
                basis == null ? null : basis.choice(), purposeId, maxTimeNanos,
                type == null ? Priority.MEASURE_DIRECTLY : Priority.defaultFor(type), 1, false, false, 0);
    }

    /** Keep {@code number} pairs with the neighbour: minimum fidelity 0, purpose 0, no limit, weight 1. */
    public static CreateRequest keep(String remoteNode, int number) {
        return new CreateRequest(remoteNode, RequestType.KEEP, number, 0, MeasureBasis.Z, 0);
    }

    /** Measure {@code number} pairs directly, both ends choosing their axes as {@code basis} says. */
    public static CreateRequest measure(String remoteNode, int number, BasisChoice basis) {
        return new CreateRequest(remoteNode, RequestType.MEASURE, number, 0, MeasureBasis.Z, 0)
                .withBases(basis, basis);
    }

    public CreateRequest withMinFidelity(double value) {
        return new CreateRequest(remoteNode, type, number, value, localBasis, remoteBasis, purposeId, maxTimeNanos,
                priority, weight, atomic, consecutive, testFraction);
    }

    /** The axis choice at the requesting end and at the other end (measure-directly). */
    public CreateRequest withBases(BasisChoice local, BasisChoice remote) {
        return new CreateRequest(remoteNode, type, number, minFidelity, local, remote, purposeId, maxTimeNanos,
                priority, weight, atomic, consecutive, testFraction);
    }

    public CreateRequest withPurposeId(int value) {
        return new CreateRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, value, maxTimeNanos,
                priority, weight, atomic, consecutive, testFraction);
    }

    public CreateRequest withMaxTimeNanos(long value) {
        return new CreateRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, purposeId, value,
                priority, weight, atomic, consecutive, testFraction);
    }

    public CreateRequest withPriority(Priority value) {
        return new CreateRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, purposeId,
                maxTimeNanos, value, weight, atomic, consecutive, testFraction);
    }

    public CreateRequest withWeight(int value) {
        return new CreateRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, purposeId,
                maxTimeNanos, priority, value, atomic, consecutive, testFraction);
    }

    public CreateRequest withAtomic(boolean value) {
        return new CreateRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, purposeId,
                maxTimeNanos, priority, weight, value, consecutive, testFraction);
    }

    public CreateRequest withConsecutive(boolean value) {
        return new CreateRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, purposeId,
                maxTimeNanos, priority, weight, atomic, value, testFraction);
    }

    public CreateRequest withTestFraction(double value) {
        return new CreateRequest(remoteNode, type, number, minFidelity, localBasis, remoteBasis, purposeId,
                maxTimeNanos, priority, weight, atomic, consecutive, value);
    }

    /**
     * Checks the request's own fields.
     *
     * @throws InvalidRequestException saying which field is wrong and what is allowed
     */
    public void validate() {
        if (remoteNode == null || remoteNode.isBlank()) {
            throw new InvalidRequestException("remoteNode", "name the neighbour to entangle with");
        }
        if (type == null) {
            throw new InvalidRequestException("type", "choose KEEP or MEASURE");
        }
        if (number < 1) {
            throw new InvalidRequestException("number", "ask for at least one pair (was " + number + ")");
        }
        if (!(minFidelity >= 0 && minFidelity <= 1)) {
            throw new InvalidRequestException("minFidelity", "must be in [0, 1] (was " + minFidelity + ")");
        }
        if (maxTimeNanos < 0) {
            throw new InvalidRequestException("maxTime", "must be ≥ 0 (0 for no limit) (was " + maxTimeNanos + " ns)");
        }
        if (type == RequestType.MEASURE && (localBasis == null || remoteBasis == null)) {
            throw new InvalidRequestException("basis", "a measure-directly request needs a basis choice at each end");
        }
        if (priority == null) {
            throw new InvalidRequestException("priority", "choose a scheduling class");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new InvalidRequestException("weight", "must be in 1.." + MAX_WEIGHT + " (was " + weight + ")");
        }
        if (!(testFraction >= 0 && testFraction <= 0.5)) {
            throw new InvalidRequestException("testFraction", "must be in [0, 0.5] (was " + testFraction + ")");
        }
    }
}
