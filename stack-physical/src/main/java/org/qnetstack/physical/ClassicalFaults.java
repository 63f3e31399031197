package org.qnetstack.physical;

/**
 * Faults a simulated classical network injects into every message between two different nodes or
 * stations, each decided independently per message from the platform's {@code classical-faults}
 * random stream (so the same seed gives the same faults). Used to show that the protocols above stay
 * correct when the classical channel misbehaves, as it may on hardware.
 *
 * @param drop              probability that a message is lost
 * @param duplicate         probability that a message that is not lost arrives twice
 * @param reorder           probability that a copy is held back, so that messages sent after it overtake it
 * @param reorderDelayNanos the longest hold-back: a held-back copy arrives up to this much later than it
 *                          would have (uniformly in 1..this), in ns
 */
public record ClassicalFaults(double drop, double duplicate, double reorder, long reorderDelayNanos) {
    /** A perfect channel: every message arrives once, in order. */
    public static final ClassicalFaults NONE = new ClassicalFaults(0, 0, 0, 0);

    public ClassicalFaults {
        check("drop", drop);
        check("duplicate", duplicate);
        check("reorder", reorder);
        if (reorderDelayNanos < 0 || (reorder > 0 && reorderDelayNanos == 0)) {
            throw new IllegalArgumentException("reorderDelayNanos must be ≥ 0, and > 0 when reorder > 0 (was "
                    + reorderDelayNanos + ")");
        }
    }

    /** The same rate of dropping, duplicating and reordering, with the given hold-back. */
    public static ClassicalFaults uniform(double rate, long reorderDelayNanos) {
        return new ClassicalFaults(rate, rate, rate, reorderDelayNanos);
    }

    public boolean any() {
        return drop > 0 || duplicate > 0 || reorder > 0;
    }

    private static void check(String field, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(field + " must be a probability in [0, 1] (was " + p + ")");
        }
    }
}
