package org.qnetstack.network;

/**
 * Why the network's controller refused a request, in figures a user can act on: where the shortfall is (a link,
 * a node, or the whole path), which figure falls short, what the request asked, what the network can give now,
 * and what that place would need for the request to be admitted.
 *
 * @param figure     the figure that falls short
 * @param scope      whether {@code where} names a link, a node or a path
 * @param where      the link's name, the node's name, or the path's nodes joined by {@code -}
 * @param asked      what the request asked: end-to-end fidelity ({@link Figure#FIDELITY}), end-to-end pairs per
 *                   second ({@link Figure#RATE}), qubits at the node ({@link Figure#MEMORY})
 * @param achievable the best the network offers now, in the same unit: the best path's expected end-to-end
 *                   fidelity, its end-to-end pairs per second, the node's free qubits
 * @param needed     what {@code where} would need: FIDELITY, the fidelity this link's pairs would need at their
 *                   herald (the others as they are; above 1 when no link alone can close the gap); RATE, the raw
 *                   pairs per second the link would need free; MEMORY, the qubits the node would need free
 * @param advice     what to change, in words
 */
public record Refusal(Figure figure, Scope scope, String where, double asked, double achievable, double needed,
                      String advice) {
    /** The figures admission checks. */
    public enum Figure {
        /** End-to-end fidelity at delivery, memory decay included. */
        FIDELITY,
        /** End-to-end pairs per second on the capacity not already reserved. */
        RATE,
        /** Qubits free to hold the circuit's pairs. */
        MEMORY,
        /**
         * End-to-end fidelity as the circuit's test pairs measured it ({@link FidelityTesting#verify}): asked is the
         * minimum, achievable the measured interval's upper end, needed the minimum again.
         */
        MEASURED_FIDELITY
    }

    /** What {@link #where} names. */
    public enum Scope {
        LINK, NODE, PATH
    }

    public Refusal {
        if (figure == null || scope == null || where == null || advice == null) {
            throw new IllegalArgumentException("figure, scope, where and advice are required");
        }
    }
}
