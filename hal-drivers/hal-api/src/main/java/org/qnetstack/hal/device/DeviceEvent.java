package org.qnetstack.hal.device;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.MeasurementAxis;

/** Something a device reports without being asked: a herald of one of its attempts, or a fault. */
public sealed interface DeviceEvent {
    /**
     * The station heralded a success of this device's attempt in the slot: detector 0 heralds Ψ+, detector 1
     * Ψ−. For an attempt run, {@code run} names it; a measure-directly run also gives the axis it measured
     * along and the outcome.
     *
     * @param run     the run's id, or 0 for an attempt made with {@code emit}
     * @param axis    for a measure-directly run, the axis measured along; else null
     * @param outcome for a measure-directly run, 0 or 1; else −1
     */
    record Herald(String link, long slot, int detector, long run, @Nullable MeasurementAxis axis, int outcome)
            implements DeviceEvent {
        public Herald {
            if (detector != 0 && detector != 1) {
                throw new IllegalArgumentException("a herald's detector is 0 or 1 (was " + detector + ")");
            }
            if ((axis == null) != (outcome == -1) || outcome < -1 || outcome > 1) {
                throw new IllegalArgumentException("a measured herald has an axis and outcome 0 or 1, another has "
                        + "neither (axis " + axis + ", outcome " + outcome + ")");
            }
        }

        public boolean measured() {
            return axis != null;
        }
    }

    /** The device reports a fault that did not belong to one operation (a laser out of lock, a lost clock). */
    record Fault(String message) implements DeviceEvent {
    }

    /** The connection to the device is gone; every operation in progress has failed. */
    record Disconnected(String reason) implements DeviceEvent {
    }
}
