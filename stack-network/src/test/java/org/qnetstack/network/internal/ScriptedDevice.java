package org.qnetstack.network.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.DeviceInfo;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.OperationDurations;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TwoQubitGate;

/**
 * A quantum device with no state: every measurement gives the next scripted outcome (0 once the script is
 * used up), and every operation is recorded, so that a test decides what a Bell-state measurement or a
 * distillation round measures and sees what the protocol did to which qubit.
 */
final class ScriptedDevice implements QuantumDevice {
    private final DeviceInfo info;
    private final ArrayDeque<Integer> outcomes = new ArrayDeque<>();
    /** Every operation, as "op qubit[,qubit]" ("measure qubit basis"), in order. */
    final List<String> log = new ArrayList<>();

    ScriptedDevice(int qubits) {
        info = new DeviceInfo("scripted", Collections.nCopies(qubits, QubitRole.STORAGE),
                new OperationDurations(0, 0, 0, 0, 0));
    }

    /** The outcomes the next measurements give, in order. */
    ScriptedDevice thenMeasure(int... next) {
        for (int o : next) {
            outcomes.add(o);
        }
        return this;
    }

    /** The outcomes a Bell-state measurement reads for Bell index b (it measures the control, then the target). */
    ScriptedDevice thenBellIndex(int b) {
        return thenMeasure(b & 1, b >> 1);
    }

    /** How many operations of this kind were applied. */
    long count(String op) {
        return log.stream().filter(l -> l.startsWith(op + " ")).count();
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public long initialize(int qubit) {
        log.add("init " + qubit);
        return 0;
    }

    @Override
    public long apply(Gate gate, int qubit) {
        log.add(gate + " " + qubit);
        return 0;
    }

    @Override
    public long rotate(Axis axis, double angleRadians, int qubit) {
        log.add("rotate" + axis + " " + qubit);
        return 0;
    }

    @Override
    public long apply(TwoQubitGate gate, int control, int target) {
        log.add(gate + " " + control + "," + target);
        return 0;
    }

    @Override
    public Measurement measure(int qubit, Basis basis) {
        log.add("measure " + qubit + " " + basis);
        Integer o = outcomes.poll();
        return new Measurement(o == null ? 0 : o, 0);
    }

    @Override
    public long emit(int qubit, String link, long slot, double alpha) {
        throw new UnsupportedOperationException("the network layer never emits");
    }

    @Override
    public void discard(int qubit) {
        log.add("discard " + qubit);
    }
}
