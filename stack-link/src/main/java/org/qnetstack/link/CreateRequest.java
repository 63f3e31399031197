package org.qnetstack.link;

/**
 * A request to the link layer for entangled pairs with a neighbour.
 *
 * @param remoteNode  the neighbour at the other end of the link
 * @param type        keep or measure-directly
 * @param number      number of pairs, ≥ 1
 * @param minFidelity minimum fidelity of each pair at delivery, in [0, 1]
 * @param basis       the measurement basis for measure-directly requests (ignored for keep)
 * @param purposeId   tag of the upper-layer user, like a port; delivered with every pair at both ends
 * @param maxTimeNanos how long the request may take from its CREATE, in ns; 0 for no limit. Pairs not
 *                    made by then are given up at both ends with ERR TIMEOUT.
 */
public record CreateRequest(String remoteNode, RequestType type, int number, double minFidelity, MeasureBasis basis,
                            int purposeId, long maxTimeNanos) {
    /** A request with no time limit. */
    public CreateRequest(String remoteNode, RequestType type, int number, double minFidelity, MeasureBasis basis,
                         int purposeId) {
        this(remoteNode, type, number, minFidelity, basis, purposeId, 0);
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
        if (type == RequestType.MEASURE && basis == null) {
            throw new InvalidRequestException("basis", "a measure-directly request needs a basis");
        }
    }
}
