package org.qnetstack.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How old a pair may grow in memory before the network gives it up ({@link PairQuality#cutoff}): counted from
 * the herald of its oldest constituent, a waiting pair older than this is discarded and made afresh, and none
 * older is delivered.
 *
 * @param after the cutoff, or null for {@link #NONE} and {@link #AUTO}
 * @param auto  whether the network chooses it from the memories' coherence: the age past which the path's pairs
 *              would fall below the request's minimum fidelity (none when the memories do not decay)
 */
public record Cutoff(@Nullable Duration after, boolean auto) {
    /** Pairs may wait as long as they like. */
    public static final Cutoff NONE = new Cutoff(null, false);
    /** Chosen by the network from the memories' coherence and the minimum fidelity. */
    public static final Cutoff AUTO = new Cutoff(null, true);

    public Cutoff {
        if (after != null && (auto || after.isNegative() || after.isZero())) {
            throw new ApiMisuseException("cutoff", auto ? "an automatic cutoff takes no duration (use Cutoff.AUTO)"
                    : "must be positive (was " + after + "); use Cutoff.NONE for none");
        }
    }

    /** An explicit cutoff. */
    public static Cutoff after(Duration cutoff) {
        if (cutoff == null) {
            throw new ApiMisuseException("cutoff", "give a duration, or use Cutoff.NONE or Cutoff.AUTO");
        }
        return new Cutoff(cutoff, false);
    }
}
