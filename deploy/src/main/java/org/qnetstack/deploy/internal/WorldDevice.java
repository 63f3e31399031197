package org.qnetstack.deploy.internal;

import java.util.HashMap;
import java.util.Map;
import org.qnetstack.deploy.internal.WorldMessages.DeviceCall;
import org.qnetstack.deploy.internal.WorldMessages.DeviceResult;
import org.qnetstack.hal.AttemptRun;
import org.qnetstack.hal.AttemptRunSpec;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.sim.SimulatedPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's simulated device in the world service: it performs the node's device calls and keeps the attempt
 * runs they start, which end, with every qubit, when the node is down. Runs on the world's thread.
 */
final class WorldDevice {
    private static final Logger LOG = LoggerFactory.getLogger(WorldDevice.class);

    /** Which axis the node's run measures along in a slot (the node says, on its loop). */
    @FunctionalInterface
    interface Axes {
        MeasurementAxis axisOf(long run, long slot);
    }

    private final String node;
    private final SimulatedPlatform platform;
    private final Axes axes;
    private final Map<Long, AttemptRun> runs = new HashMap<>();
    private final Map<Long, String> runLinks = new HashMap<>();
    private long runSeq;

    WorldDevice(String node, SimulatedPlatform platform, Axes axes) {
        this.node = node;
        this.platform = platform;
        this.axes = axes;
    }

    /** @throws RuntimeException if the call is bad (unknown operation, missing argument, a run it does not know) */
    DeviceResult execute(DeviceCall c) {
        QuantumDevice device = platform.device(node);
        return switch (c.op()) {
            case "initialize" -> duration(device.initialize(c.qubit()));
            case "gate" -> duration(device.apply(Gate.valueOf(name(c)), c.qubit()));
            case "rotate" -> duration(device.rotate(Axis.valueOf(name(c)), c.x(), c.qubit()));
            case "gate2" -> duration(device.apply(TwoQubitGate.valueOf(name(c)), c.qubit(), c.other()));
            case "measure" -> measured(device.measure(c.qubit(), Basis.valueOf(name(c))));
            case "measureAxis" -> measured(device.measure(c.qubit(), MeasurementAxis.of(c.x(), c.y())));
            case "emit" -> duration(device.emit(c.qubit(), name(c), c.slot(), c.x()));
            case "move" -> duration(device.move(c.qubit(), c.other()));
            case "discard" -> {
                device.discard(c.qubit());
                yield duration(0);
            }
            case "startAttempts" -> startRun(device, c);
            case "stopAt" -> {
                run(c.run()).stopAt(c.slot());
                yield duration(0);
            }
            case "measurement" -> {
                AttemptRun.SlotMeasurement m = run(c.run()).measurement(c.slot());
                yield new DeviceResult(0, m.outcome(), m.axis().theta(), m.axis().phi(), c.run(), null, null);
            }
            default -> throw new IllegalArgumentException("no device operation '" + c.op() + "'");
        };
    }

    private static String name(DeviceCall c) {
        if (c.name() == null) {
            throw new IllegalArgumentException(c.op() + " needs a name argument");
        }
        return c.name();
    }

    private static DeviceResult duration(long nanos) {
        return new DeviceResult(nanos, 0, 0, 0, 0, null, null);
    }

    private static DeviceResult measured(QuantumDevice.Measurement m) {
        return new DeviceResult(m.durationNanos(), m.outcome(), 0, 0, 0, null, null);
    }

    private AttemptRun run(long id) {
        AttemptRun r = runs.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no attempt run " + id + " on " + node);
        }
        return r;
    }

    private DeviceResult startRun(QuantumDevice device, DeviceCall c) {
        long id = ++runSeq;
        boolean keep = c.y() == 1;
        AttemptRunSpec runSpec = new AttemptRunSpec(c.qubit(), name(c), c.slot(), c.other(), c.x(),
                keep ? null : slot -> axes.axisOf(id, slot));
        runs.put(id, device.startAttempts(runSpec));
        runLinks.put(id, runSpec.link());
        return new DeviceResult(0, 0, 0, 0, id, null, null);
    }

    /** The node is down: every run it started stops after the current slot. */
    void stopRuns(long nowNanos) {
        runs.forEach((id, run) -> {
            long slotNanos = platform.link(runLinks.get(id)).slotNanos();
            try {
                run.stopAt(Math.floorDiv(nowNanos, slotNanos) + 1);
            } catch (RuntimeException e) {
                LOG.debug("world: run {} of {} had ended: {}", id, node, e.getMessage());
            }
        });
        runs.clear();
        runLinks.clear();
    }

    /** The node is down: its device forgets every qubit. */
    void discardAll() {
        QuantumDevice device = platform.device(node);
        for (int q = 0; q < device.info().qubitCount(); q++) {
            device.discard(q);
        }
    }
}
