package org.qnetstack.hal;

import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AttemptRun} does.
 *
 * @param qubit     the communication qubit it uses (initialised before each attempt)
 * @param link      the link whose station the photons go to
 * @param firstSlot the first slot it attempts in
 * @param stride    attempts in every stride-th slot (1: every slot)
 * @param alpha     bright-state population
 * @param axes      for measure-directly: the axis to measure along in each slot (drawn when needed);
 *                  null to keep the qubit, in which case the run stops by itself after a success
 */
public record AttemptRunSpec(int qubit, String link, long firstSlot, int stride, double alpha,
                             @Nullable LongFunction<MeasurementAxis> axes) {
    public AttemptRunSpec {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be ≥ 1 (was " + stride + ")");
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5] (was " + alpha + ")");
        }
    }

    public boolean keep() {
        return axes == null;
    }
}
