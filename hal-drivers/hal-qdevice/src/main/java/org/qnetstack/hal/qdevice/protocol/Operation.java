package org.qnetstack.hal.qdevice.protocol;

import java.util.Map;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.hal.device.AttemptRunRequest;

/** The operations a request carries, one per wire name ({@code op} field). */
public sealed interface Operation {
    /** The {@code op} field's value of each operation. */
    Map<Class<? extends Operation>, String> WIRE_NAMES = Map.ofEntries(Map.entry(Init.class, "init"),
            Map.entry(ApplyGate.class, "gate"), Map.entry(Rotate.class, "rotate"),
            Map.entry(ApplyTwoQubitGate.class, "gate2"), Map.entry(Measure.class, "measure"),
            Map.entry(Move.class, "move"), Map.entry(Discard.class, "discard"), Map.entry(Emit.class, "emit"),
            Map.entry(StartRun.class, "start-run"), Map.entry(StopRun.class, "stop-run"), Map.entry(Ping.class, "ping"));

    /** The {@code op} field's value. */
    default String wireName() {
        return WIRE_NAMES.get(getClass());
    }

    record Init(int qubit) implements Operation {
    }

    record ApplyGate(Gate gate, int qubit) implements Operation {
    }

    record Rotate(Axis axis, double angle, int qubit) implements Operation {
    }

    record ApplyTwoQubitGate(TwoQubitGate gate, int control, int target) implements Operation {
    }

    record Measure(int qubit, MeasurementAxis axis) implements Operation {
    }

    record Move(int from, int to) implements Operation {
    }

    record Discard(int qubit) implements Operation {
    }

    record Emit(int qubit, String link, long slot, double alpha) implements Operation {
    }

    record StartRun(AttemptRunRequest request) implements Operation {
    }

    record StopRun(long run, long slot) implements Operation {
    }

    /** Keep-alive: the device completes it at once with duration 0. */
    record Ping() implements Operation {
    }
}
