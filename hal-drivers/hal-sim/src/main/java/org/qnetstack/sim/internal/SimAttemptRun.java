package org.qnetstack.sim.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.AttemptRun;
import org.qnetstack.hal.MeasurementAxis;

/** One end's attempt run on a simulated link; the link decides when it succeeds. */
final class SimAttemptRun implements AttemptRun {
    final SimLink link;
    final SimQuantumDevice device;
    final int qubit;
    final long first;
    final int stride;
    final double alpha;
    final @Nullable LongFunction<MeasurementAxis> axes;
    long stop = Long.MAX_VALUE;
    private long accountedFrom;
    private final Map<Long, SlotMeasurement> measured = new HashMap<>();

    SimAttemptRun(SimLink link, SimQuantumDevice device, int qubit, long first, int stride, double alpha,
                  @Nullable LongFunction<MeasurementAxis> axes) {
        this.link = link;
        this.device = device;
        this.qubit = qubit;
        this.first = first;
        this.stride = stride;
        this.alpha = alpha;
        this.axes = axes;
        this.accountedFrom = first;
    }

    /**
     * Applies what this run's attempts in the slots before {@code endSlot} (and not yet accounted for)
     * did besides failing: each dephased the device's stored qubits a little.
     */
    void accountAttemptsBefore(long endSlot) {
        long end = Math.min(endSlot, stop);
        if (end <= accountedFrom) {
            return;
        }
        long attempts = (end - accountedFrom + stride - 1) / stride;
        accountedFrom = accountedFrom + attempts * stride;
        device.dephaseStorage(attempts);
    }

    boolean keep() {
        return axes == null;
    }

    /** Whether this run attempts in the slot. */
    boolean attemptsIn(long slot) {
        return slot >= first && slot < stop && (slot - first) % stride == 0;
    }

    void record(long slot, SlotMeasurement m) {
        measured.put(slot, m);
    }

    @Override
    public void stopAt(long slot) {
        link.stopRun(this, slot);
    }

    @Override
    public SlotMeasurement measurement(long slot) {
        if (keep()) {
            throw new IllegalArgumentException("a keep run measures nothing: its qubit holds the pair");
        }
        SlotMeasurement m = measured.remove(slot);
        if (m == null) {
            throw new IllegalArgumentException("no successful attempt of this run in slot " + slot);
        }
        return m;
    }
}
