package org.qnetstack.link.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.DeviceInfo;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.TwoQubitGate;

/**
 * The only device calls a link end makes itself: measuring a test pair's half (the outcome is the next one the
 * test scripted, 0 once the script is used up) and discarding a released qubit. Each is recorded, as "measure q B"
 * or "discard q"; any other operation is the heralding protocol's, which the embedded end scripts, so it fails.
 */
final class RecordingDevice implements QuantumDevice {
    private final DeviceInfo info;
    private final ArrayDeque<Integer> outcomes = new ArrayDeque<>();
    final List<String> log = new ArrayList<>();

    RecordingDevice(DeviceInfo info) {
        this.info = info;
    }

    /** The outcomes the next measurements give, in order. */
    RecordingDevice thenMeasure(int... next) {
        for (int o : next) {
            outcomes.add(o);
        }
        return this;
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public Measurement measure(int qubit, Basis basis) {
        log.add("measure " + qubit + " " + basis);
        return new Measurement(outcomes.isEmpty() ? 0 : outcomes.poll(), 0);
    }

    @Override
    public void discard(int qubit) {
        log.add("discard " + qubit);
    }

    @Override
    public long initialize(int qubit) {
        throw notTheLinks("initialize");
    }

    @Override
    public long apply(Gate gate, int qubit) {
        throw notTheLinks("apply " + gate);
    }

    @Override
    public long rotate(Axis axis, double angleRadians, int qubit) {
        throw notTheLinks("rotate");
    }

    @Override
    public long apply(TwoQubitGate gate, int control, int target) {
        throw notTheLinks("apply " + gate);
    }

    @Override
    public long emit(int qubit, String link, long slot, double alpha) {
        throw notTheLinks("emit");
    }

    private static AssertionError notTheLinks(String what) {
        return new AssertionError(what + " is no operation of the link layer's own (the heralding protocol is scripted)");
    }
}
