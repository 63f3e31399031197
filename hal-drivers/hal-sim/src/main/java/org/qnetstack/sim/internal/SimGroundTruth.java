package org.qnetstack.sim.internal;

import java.util.ArrayList;
import java.util.List;
import org.qnetstack.hal.GroundTruth;
import org.qnetstack.hal.QubitAddress;

/** Reads the simulated state, bringing each qubit's memory decay up to now first. */
final class SimGroundTruth implements GroundTruth {
    private final SimWorld world;

    SimGroundTruth(SimWorld world) {
        this.world = world;
    }

    private int[] ids(QubitAddress... qubits) {
        int[] ids = new int[qubits.length];
        for (int i = 0; i < qubits.length; i++) {
            SimQuantumDevice d = world.simDevice(qubits[i].node());
            d.touch(qubits[i].qubit());
            ids[i] = d.engineId(qubits[i].qubit());
        }
        return ids;
    }

    @Override
    public List<QubitAddress> partners(QubitAddress qubit) {
        int id = ids(qubit)[0];
        List<QubitAddress> result = new ArrayList<>();
        for (int member : world.engine().groupMembers(id)) {
            if (member != id) {
                result.add(world.addressOf(member));
            }
        }
        return result;
    }

    @Override
    public double[] densityMatrix(QubitAddress... qubits) {
        return world.engine().densityMatrix(ids(qubits));
    }

    @Override
    public double bellFidelity(QubitAddress a, QubitAddress b, int bellIndex) {
        int[] ids = ids(a, b);
        return world.engine().bellFidelity(ids[0], ids[1], bellIndex);
    }

    @Override
    public void watch(org.qnetstack.hal.StateWatcher watcher) {
        world.watch(watcher);
    }

    @Override
    public double fidelity(QubitAddress qubit, double[] pureState) {
        return world.engine().fidelity(ids(qubit), pureState);
    }
}
