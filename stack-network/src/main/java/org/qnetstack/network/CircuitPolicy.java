package org.qnetstack.network;

import org.jspecify.annotations.Nullable;
import org.qnetstack.link.InvalidRequestException;

/**
 * The rules a circuit installs at its nodes besides swapping.
 *
 * @param distillation distillation on every link before swapping, or null for none
 * @param cutoffNanos  the oldest a pair may be, in ns from its herald (a distilled or swapped pair counts
 *                     from its oldest constituent): a node discards a waiting pair older than this and tells
 *                     the circuit's other nodes, and no pair older than this is delivered; 0 for no cutoff
 */
public record CircuitPolicy(@Nullable Distillation distillation, long cutoffNanos) {
    /** Swap only, no cutoff. */
    public static final CircuitPolicy NONE = new CircuitPolicy(null, 0);

    public CircuitPolicy {
        if (cutoffNanos < 0) {
            throw new InvalidRequestException("cutoffNanos", "must be ≥ 0 (0 for no cutoff) (was " + cutoffNanos
                    + " ns)");
        }
    }

    public int rounds() {
        return distillation == null ? 0 : distillation.rounds();
    }
}
