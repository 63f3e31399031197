package org.qnetstack.apps.stages;

/**
 * One criterion of one stage, as judged for a pair of end nodes.
 *
 * @param stage    the stage it guards (2 prepare and measure, 3 entanglement distribution, 4 quantum memory)
 * @param name     what is compared, e.g. {@code ε_P + ε_M}
 * @param value    the estimate, at the pessimistic end of its intervals
 * @param bound    the threshold it must not exceed
 * @param holds    whether value ≤ bound (and the rounds behind it ran)
 * @param evidence the figures behind the value, for people
 */
public record Criterion(int stage, String name, double value, double bound, boolean holds, String evidence) {
    static Criterion atMost(int stage, String name, double value, double bound, String evidence) {
        return new Criterion(stage, name, value, bound, value <= bound, evidence);
    }
}
