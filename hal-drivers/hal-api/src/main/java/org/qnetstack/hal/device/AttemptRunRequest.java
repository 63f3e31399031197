package org.qnetstack.hal.device;

import java.util.List;
import org.qnetstack.hal.MeasurementAxis;

/**
 * An attempt run a device makes by itself (see {@link org.qnetstack.hal.AttemptRunSpec}), in a form that
 * can cross a wire: instead of a function choosing each slot's axis, the device draws the axis of each
 * attempt uniformly from {@code axes} (the random basis choice of QKD hardware) and reports the axis with
 * the outcome in the success's herald.
 *
 * @param qubit     the communication qubit
 * @param link      the link (photonic interface) to attempt on
 * @param firstSlot the first slot it attempts in
 * @param stride    attempts in every stride-th slot (1: every slot)
 * @param alpha     bright-state population, in (0, 0.5]
 * @param axes      the axes to measure along at once; empty to keep the qubit, which ends the run at its
 *                  first success
 */
public record AttemptRunRequest(int qubit, String link, long firstSlot, int stride, double alpha,
                                List<MeasurementAxis> axes) {
    public AttemptRunRequest {
        axes = List.copyOf(axes);
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be ≥ 1 (was " + stride + ")");
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5] (was " + alpha + ")");
        }
        if (firstSlot < 0) {
            throw new IllegalArgumentException("firstSlot must be ≥ 0 (was " + firstSlot + ")");
        }
    }

    public boolean keep() {
        return axes.isEmpty();
    }
}
