package org.qnetstack.deploy.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.qnetstack.deploy.internal.WorldMessages.DeviceCall;
import org.qnetstack.deploy.internal.WorldMessages.DeviceResult;
import org.qnetstack.hal.AttemptRun;
import org.qnetstack.hal.AttemptRunSpec;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.DeviceInfo;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.TwoQubitGate;

/**
 * A node's simulated device as its stack sees it when the device lives in the world service: each
 * operation is a call to the world, which applies it to the shared quantum state and answers with its
 * duration (and outcome). What the device is ({@link #info()}) is known locally from the same network file.
 */
final class RemoteDevice implements QuantumDevice {
    private final WorldCalls world;
    private final DeviceInfo info;
    private final boolean attemptRuns;
    private final Map<Long, LongFunction<MeasurementAxis>> axes = new HashMap<>();

    RemoteDevice(WorldCalls world, QuantumDevice local) {
        this.world = world;
        this.info = local.info();
        this.attemptRuns = local.supportsAttemptRuns();
    }

    /** The axis a measure-directly run measures along in a slot, asked by the world when it needs it. */
    MeasurementAxis axis(long run, long slot) {
        LongFunction<MeasurementAxis> f = axes.get(run);
        if (f == null) {
            throw new IllegalArgumentException("no measure-directly run " + run + " on this node");
        }
        return f.apply(slot);
    }

    void forgetRuns() {
        axes.clear();
    }

    private DeviceResult call(String op, int qubit, int other, @Nullable String name, double x, double y, long slot,
            long run) {
        DeviceResult r = world.call(new DeviceCall(op, qubit, other, name, x, y, slot, run));
        if (r.error() != null) {
            String message = "the world's device refused " + op + ": " + r.error();
            throw IllegalArgumentException.class.getName().equals(r.errorType())
                    ? new IllegalArgumentException(message) : new IllegalStateException(message);
        }
        return r;
    }

    private long duration(String op, int qubit) {
        return call(op, qubit, 0, null, 0, 0, 0, 0).duration();
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public long initialize(int qubit) {
        return duration("initialize", qubit);
    }

    @Override
    public long apply(Gate gate, int qubit) {
        return call("gate", qubit, 0, gate.name(), 0, 0, 0, 0).duration();
    }

    @Override
    public long rotate(Axis axis, double angleRadians, int qubit) {
        return call("rotate", qubit, 0, axis.name(), angleRadians, 0, 0, 0).duration();
    }

    @Override
    public long apply(TwoQubitGate gate, int control, int target) {
        return call("gate2", control, target, gate.name(), 0, 0, 0, 0).duration();
    }

    @Override
    public Measurement measure(int qubit, Basis basis) {
        DeviceResult r = call("measure", qubit, 0, basis.name(), 0, 0, 0, 0);
        return new Measurement(r.outcome(), r.duration());
    }

    @Override
    public Measurement measure(int qubit, MeasurementAxis axis) {
        DeviceResult r = call("measureAxis", qubit, 0, null, axis.theta(), axis.phi(), 0, 0);
        return new Measurement(r.outcome(), r.duration());
    }

    @Override
    public long emit(int qubit, String link, long slot, double alpha) {
        return call("emit", qubit, 0, link, alpha, 0, slot, 0).duration();
    }

    @Override
    public boolean supportsAttemptRuns() {
        return attemptRuns;
    }

    @Override
    public AttemptRun startAttempts(AttemptRunSpec spec) {
        DeviceResult r = call("startAttempts", spec.qubit(), spec.stride(), spec.link(), spec.alpha(),
                spec.keep() ? 1 : 0, spec.firstSlot(), 0);
        long run = r.run();
        if (!spec.keep()) {
            axes.put(run, spec.axes());
        }
        return new AttemptRun() {
            @Override
            public void stopAt(long slot) {
                call("stopAt", 0, 0, null, 0, 0, slot, run);
            }

            @Override
            public SlotMeasurement measurement(long slot) {
                DeviceResult m = call("measurement", 0, 0, null, 0, 0, slot, run);
                return new SlotMeasurement(MeasurementAxis.of(m.theta(), m.phi()), m.outcome());
            }
        };
    }

    @Override
    public long move(int from, int to) {
        return call("move", from, to, null, 0, 0, 0, 0).duration();
    }

    @Override
    public void discard(int qubit) {
        duration("discard", qubit);
    }
}
