package org.qnetstack.hal.qdevice.protocol;

import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.hal.device.AttemptRunRequest;

/** The operations a request carries, one per wire name ({@code op} field). */
public sealed interface Operation {
    /** The {@code op} field's value. */
    String wireName();

    record Init(int qubit) implements Operation {
        public String wireName() {
            return "init";
        }
    }

    record ApplyGate(Gate gate, int qubit) implements Operation {
        public String wireName() {
            return "gate";
        }
    }

    record Rotate(Axis axis, double angle, int qubit) implements Operation {
        public String wireName() {
            return "rotate";
        }
    }

    record ApplyTwoQubitGate(TwoQubitGate gate, int control, int target) implements Operation {
        public String wireName() {
            return "gate2";
        }
    }

    record Measure(int qubit, MeasurementAxis axis) implements Operation {
        public String wireName() {
            return "measure";
        }
    }

    record Move(int from, int to) implements Operation {
        public String wireName() {
            return "move";
        }
    }

    record Discard(int qubit) implements Operation {
        public String wireName() {
            return "discard";
        }
    }

    record Emit(int qubit, String link, long slot, double alpha) implements Operation {
        public String wireName() {
            return "emit";
        }
    }

    record StartRun(AttemptRunRequest request) implements Operation {
        public String wireName() {
            return "start-run";
        }
    }

    record StopRun(long run, long slot) implements Operation {
        public String wireName() {
            return "stop-run";
        }
    }

    /** Keep-alive: the device completes it at once with duration 0. */
    record Ping() implements Operation {
        public String wireName() {
            return "ping";
        }
    }
}
