package org.qnetstack.network.internal;

import java.util.Collections;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.DeviceInfo;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.OperationDurations;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.physical.QubitMemory;
import org.qnetstack.sim.state.Gates;
import org.qnetstack.sim.state.StateEngine;

/**
 * One end's qubits on a state engine shared with the other end, without noise, whose measurements give the
 * outcomes a test chooses: each measurement multiplies {@link #weight} by that outcome's probability, so a
 * test that walks every branch of a protocol gets exact probabilities and conditional states instead of
 * samples. A branch whose outcome has probability below 1e-12 is left unmeasured and marked {@link #dead}.
 */
final class EngineDevice implements QuantumDevice {
    private static final double NEGLIGIBLE = 1e-12;
    private final StateEngine engine;
    private final int[] ids;
    private final DeviceInfo info;
    private final int[] forced;
    private int measured;
    double weight = 1;
    boolean dead;

    /**
     * @param ids    the engine's qubit for each of this device's qubits
     * @param forced the outcomes of this device's measurements, in order
     */
    EngineDevice(StateEngine engine, int[] ids, int... forced) {
        this.engine = engine;
        this.ids = ids.clone();
        this.forced = forced.clone();
        this.info = new DeviceInfo("engine", Collections.nCopies(ids.length, QubitRole.STORAGE),
                new OperationDurations(0, 0, 0, 0, 0));
    }

    /** Local operations on this device with every qubit allocated, as the network layer gets them. */
    LocalOperations operations() {
        QubitMemory memory = new QubitMemory(info);
        for (int q = 0; q < ids.length; q++) {
            memory.tryAllocate(QubitRole.STORAGE);
        }
        return new LocalOperations(this, memory);
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public long initialize(int qubit) {
        engine.reset(ids[qubit]);
        return 0;
    }

    @Override
    public long apply(Gate gate, int qubit) {
        engine.apply(ids[qubit], Gates.of(gate));
        return 0;
    }

    @Override
    public long rotate(Axis axis, double angleRadians, int qubit) {
        engine.apply(ids[qubit], Gates.rotation(axis, angleRadians));
        return 0;
    }

    @Override
    public long apply(TwoQubitGate gate, int control, int target) {
        engine.apply(ids[control], ids[target], Gates.of(gate));
        return 0;
    }

    @Override
    public Measurement measure(int qubit, Basis basis) {
        int outcome = forced[measured++];
        double p0 = engine.probabilityOfZero(ids[qubit], basis);
        double p = outcome == 0 ? p0 : 1 - p0;
        weight *= p;
        if (p < NEGLIGIBLE) {
            dead = true;
        } else {
            engine.measure(ids[qubit], basis, outcome == 0 ? 0 : 1);
        }
        return new Measurement(outcome, 0);
    }

    @Override
    public long emit(int qubit, String link, long slot, double alpha) {
        throw new UnsupportedOperationException("distillation never emits");
    }

    @Override
    public void discard(int qubit) {
        engine.free(ids[qubit]);
    }
}
