package org.qnetstack.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.qnetstack.hal.AttemptRun;
import org.qnetstack.hal.AttemptRunSpec;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.DeviceInfo;
import org.qnetstack.hal.Gate;
import org.qnetstack.hal.OperationDurations;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TwoQubitGate;
import org.qnetstack.sim.device.DeviceParameters;
import org.qnetstack.sim.kernel.EventKernel;
import org.qnetstack.sim.state.Gates;
import org.qnetstack.sim.state.StateEngine;

/**
 * A simulated device: its qubits live in the world's state engine. Memory decoherence is applied
 * lazily, for the time since a qubit was last touched; gates and initialisation add depolarising
 * noise; readout flips the reported outcome with the asymmetric readout errors.
 */
final class SimQuantumDevice implements QuantumDevice {
    private final String node;
    private final DeviceParameters params;
    private final StateEngine engine;
    private final EventKernel kernel;
    private final SimWorld world;
    private final RandomGenerator random;
    private final int[] ids;
    private final long[] lastTouched;
    /** When each qubit's state was last prepared (initialised, heralded or moved in): its age starts there. */
    private final long[] preparedAt;
    /** The link on which each qubit has an emission not yet resolved, or null. */
    private final SimLink[] pendingEmission;
    private final DeviceInfo info;

    SimQuantumDevice(String node, DeviceParameters params, int qubits, SimWorld world, RandomGenerator random) {
        this.node = node;
        this.params = params;
        this.world = world;
        this.engine = world.engine();
        this.kernel = world.kernel();
        this.random = random;
        this.ids = new int[qubits];
        this.lastTouched = new long[qubits];
        this.preparedAt = new long[qubits];
        this.pendingEmission = new SimLink[qubits];
        List<QubitRole> roles = new ArrayList<>();
        for (int q = 0; q < qubits; q++) {
            ids[q] = engine.allocate();
            roles.add(params.isCommunicationQubit(q) ? QubitRole.COMMUNICATION : QubitRole.STORAGE);
        }
        this.info = new DeviceInfo(params.model(), roles, new OperationDurations(
                params.initCommunicationDuration(), params.gateCommunicationDuration(), params.twoQubitGateDuration(),
                params.measurementDuration(), params.emissionDuration()),
                new DeviceInfo.Coherence(Math.min(params.communicationT1(), params.storageT1()),
                        Math.min(params.communicationT2(), params.storageT2())));
    }

    String node() {
        return node;
    }

    DeviceParameters parameters() {
        return params;
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    int engineId(int qubit) {
        check(qubit);
        return ids[qubit];
    }

    /** Brings the qubit's state up to now: settles a pending emission and applies memory decay. */
    void touch(int qubit) {
        check(qubit);
        settle(qubit);
        long now = kernel.nanos();
        if (now > lastTouched[qubit]) {
            // By age, not elapsed time: Gaussian dephasing (ions) depends on how long the state has been held.
            params.applyMemoryDecay(engine, ids[qubit], params.isCommunicationQubit(qubit),
                    lastTouched[qubit] - preparedAt[qubit], now - preparedAt[qubit]);
        }
        lastTouched[qubit] = now;
    }

    /** The qubit's state was just set afresh (a herald): its memory decay starts now. */
    void stateSetNow(int qubit) {
        lastTouched[qubit] = kernel.nanos();
        preparedAt[qubit] = lastTouched[qubit];
    }

    /** What {@code attempts} entanglement attempts do to the stored qubits: each dephases them a little. */
    void dephaseStorage(long attempts) {
        double p = params.storageDephasingAfter(attempts);
        if (p <= 0) {
            return;
        }
        for (int q = params.communicationQubits(); q < ids.length; q++) {
            touch(q);
            engine.dephase(ids[q], p);
        }
    }

    void markPending(int qubit, SimLink link) {
        pendingEmission[qubit] = link;
    }

    void clearPending(int qubit) {
        pendingEmission[qubit] = null;
    }

    private void settle(int qubit) {
        SimLink link = pendingEmission[qubit];
        if (link != null) {
            link.settle(this, qubit);
        }
    }

    private void check(int qubit) {
        if (qubit < 0 || qubit >= ids.length) {
            throw new IllegalArgumentException(node + " has qubits 0.." + (ids.length - 1) + " (was " + qubit + ")");
        }
    }

    private double gateError(int qubit) {
        return params.isCommunicationQubit(qubit) ? params.gateCommunicationError() : params.gateStorageError();
    }

    private long gateDuration(int qubit) {
        return params.isCommunicationQubit(qubit) ? params.gateCommunicationDuration() : params.gateStorageDuration();
    }

    @Override
    public long initialize(int qubit) {
        touch(qubit);
        engine.reset(ids[qubit]);
        preparedAt[qubit] = kernel.nanos();
        boolean comm = params.isCommunicationQubit(qubit);
        depolarize(qubit, comm ? params.initCommunicationError() : params.initStorageError());
        return comm ? params.initCommunicationDuration() : params.initStorageDuration();
    }

    private void depolarize(int qubit, double p) {
        if (p > 0) {
            engine.depolarize(ids[qubit], p);
        }
    }

    @Override
    public long apply(Gate gate, int qubit) {
        touch(qubit);
        engine.apply(ids[qubit], Gates.of(gate));
        depolarize(qubit, gateError(qubit));
        return gateDuration(qubit);
    }

    @Override
    public long rotate(Axis axis, double angle, int qubit) {
        touch(qubit);
        engine.apply(ids[qubit], Gates.rotation(axis, angle));
        depolarize(qubit, gateError(qubit));
        return gateDuration(qubit);
    }

    @Override
    public long apply(TwoQubitGate gate, int control, int target) {
        if (control == target) {
            throw new IllegalArgumentException("a two-qubit gate needs two different qubits (both were " + control + ")");
        }
        touch(control);
        touch(target);
        engine.apply(ids[control], ids[target], Gates.of(gate));
        world.twoQubitGate(node, control, target);
        if (params.twoQubitGateError() > 0) {
            engine.depolarize(ids[control], ids[target], params.twoQubitGateError());
        }
        return params.twoQubitGateDuration();
    }

    @Override
    public Measurement measure(int qubit, Basis basis) {
        touch(qubit);
        long duration = params.measurementDuration();
        if (basis != Basis.Z) {
            // The device reads out in Z: another basis costs a rotation, with its noise and time.
            depolarize(qubit, gateError(qubit));
            duration += gateDuration(qubit);
        }
        int outcome = engine.measure(ids[qubit], basis, random.nextDouble());
        double flip = outcome == 0 ? params.readoutError0() : params.readoutError1();
        if (flip > 0 && random.nextDouble() < flip) {
            outcome ^= 1;
        }
        return new Measurement(outcome, duration);
    }

    @Override
    public long emit(int qubit, String link, long slot, double alpha) {
        if (!params.isCommunicationQubit(qubit)) {
            throw new IllegalArgumentException("qubit " + qubit + " of " + node + " is a storage qubit: only qubits 0.."
                    + (params.communicationQubits() - 1) + " can emit");
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5] (was " + alpha + ")");
        }
        touch(qubit);
        dephaseStorage(1);
        world.registerEmission(this, qubit, link, slot, alpha);
        return params.emissionDuration();
    }

    @Override
    public boolean supportsAttemptRuns() {
        return world.skipsFailures();
    }

    @Override
    public AttemptRun startAttempts(AttemptRunSpec spec) {
        if (!supportsAttemptRuns()) {
            throw new UnsupportedOperationException("this simulated network makes attempts step by step "
                    + "(options.attempts: step): use emit");
        }
        if (!params.isCommunicationQubit(spec.qubit())) {
            throw new IllegalArgumentException("qubit " + spec.qubit() + " of " + node + " is a storage qubit");
        }
        SimLink link = world.simLink(spec.link());
        // As for emit: the link takes a non-A device for its B end, so another node's run would replace B's.
        if (!link.spec().connects(node)) {
            throw new IllegalArgumentException(node + " is not an end of link " + spec.link());
        }
        touch(spec.qubit());
        return link.startRun(this, spec.qubit(), spec.firstSlot(), spec.stride(),
                spec.alpha(), spec.axes());
    }

    @Override
    public void discard(int qubit) {
        check(qubit);
        settle(qubit);
        engine.reset(ids[qubit]);
        lastTouched[qubit] = kernel.nanos();
        preparedAt[qubit] = lastTouched[qubit];
    }
}
