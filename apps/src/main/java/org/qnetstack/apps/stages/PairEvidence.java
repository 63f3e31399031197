package org.qnetstack.apps.stages;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the sacrificed pairs between two end nodes showed.
 *
 * @param first         the node that asked for the pairs
 * @param second        the other end
 * @param problem       why the rounds stopped early (the network's error), or null if they all ran
 * @param pairErrors    error rates of the parities ZZ, XX, YY of pairs measured as soon as both ends held them,
 *                      against the Bell state the network announced
 * @param pairs         pairs delivered for those rounds
 * @param pairNanos     time they took, from the first request to the last pair, on the first node's clock
 * @param messageNanos  one-way time of a classical message (half a round trip measured by the first node)
 * @param storage       the same parities after both ends held each pair for a while
 */
public record PairEvidence(String first, String second, @Nullable String problem, List<Proportion> pairErrors,
                           long pairs, long pairNanos, long messageNanos, List<StoragePoint> storage) {
    public PairEvidence {
        pairErrors = List.copyOf(pairErrors);
        storage = List.copyOf(storage);
    }

    /**
     * Pairs measured after being held {@code heldNanos} at both ends.
     *
     * @param errors parity error rates in Z, X, Y
     */
    public record StoragePoint(long heldNanos, List<Proportion> errors) {
        public StoragePoint {
            errors = List.copyOf(errors);
        }

        /** Fidelity to the announced Bell state at the lower end of its interval. */
        public double fidelityLow() {
            return 1 - Evidence.infidelityUpper(errors);
        }

        public double fidelity() {
            return 1 - Evidence.infidelity(errors);
        }
    }

    /** t of Table 1 for this pair: the time to make one pair and send one classical message, in ns. */
    public long pairAndMessageNanos() {
        return (pairs == 0 ? pairNanos : pairNanos / pairs) + messageNanos;
    }

    /** Pairs per second of the first node's time, 0 without pairs. */
    public double pairRate() {
        return pairNanos <= 0 ? 0 : pairs * 1e9 / pairNanos;
    }

    public double fidelityLow() {
        return 1 - Evidence.infidelityUpper(pairErrors);
    }

    public double fidelity() {
        return 1 - Evidence.infidelity(pairErrors);
    }
}
