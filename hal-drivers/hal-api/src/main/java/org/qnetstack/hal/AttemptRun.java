package org.qnetstack.hal;

/**
 * Entanglement attempts a device makes by itself, as real-time controllers do: one every
 * {@code stride} slots from the first, until stopped. The stack hears of successes only from the
 * station; it then reads what the device measured in that slot.
 */
public interface AttemptRun {
    /** Stops attempting from this slot on (attempts in earlier slots stand). Stopping twice is harmless. */
    void stopAt(long slot);

    /**
     * For a measure-directly run: the outcome and axis of the attempt in the slot.
     *
     * @throws IllegalArgumentException if the run made no attempt in that slot, or keeps its qubit
     */
    SlotMeasurement measurement(long slot);

    /** What a measure-directly attempt measured, and along which axis. */
    record SlotMeasurement(MeasurementAxis axis, int outcome) {
    }
}
