package org.qnetstack.apps.stages;

import java.util.ArrayList;
import java.util.List;
import org.qnetstack.api.Node;
import org.qnetstack.api.NoFreeQubitException;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.Basis;

/**
 * The local sacrificed rounds of one node, run from the node's own program: prepare-and-measure rounds for
 * ε_M, Bell states made with a CNOT for the two-qubit gate error, and the time of a depth-m circuit for C_m.
 * Only the node's public API is used, so the same rounds run on hardware.
 */
public final class NodeProbe {
    /** Bases the Bell-state parities are checked in, and the parity Φ+ gives in each (⟨YY⟩ = −1). */
    static final Basis[] BELL_BASES = {Basis.Z, Basis.X, Basis.Y};
    static final int[] PHI_PLUS_PARITY = {0, 0, 1};

    private NodeProbe() {
    }

    /** Runs the rounds on this node; blocks, so call it from a sequential program. */
    public static NodeEvidence run(Node node, CertificationPlan plan) {
        List<Proportion> spam = new ArrayList<>();
        for (int state = 0; state < 4; state++) {
            int errors = 0;
            for (int r = 0; r < plan.localRounds(); r++) {
                errors += prepareAndMeasure(node, state) != (state & 1) ? 1 : 0;
            }
            spam.add(Proportion.of(errors, plan.localRounds()));
        }
        try {
            List<Proportion> bell = new ArrayList<>();
            for (int b = 0; b < BELL_BASES.length; b++) {
                int errors = 0;
                for (int r = 0; r < plan.gateRounds(); r++) {
                    errors += bellParity(node, BELL_BASES[b]) != PHI_PLUS_PARITY[b] ? 1 : 0;
                }
                bell.add(Proportion.of(errors, plan.gateRounds()));
            }
            return new NodeEvidence(node.name(), spam, bell, null, circuitNanos(node, plan.depth()));
        } catch (NoFreeQubitException e) {
            return new NodeEvidence(node.name(), spam, null, "cannot hold two qubits at once: " + e.getMessage(), 0);
        }
    }

    /** State 0 |0⟩, 1 |1⟩ measured in Z; 2 |+⟩, 3 |−⟩ measured in X. The ideal outcome is {@code state & 1}. */
    private static int prepareAndMeasure(Node node, int state) {
        Qubit q = node.qubit();
        if ((state & 1) == 1) {
            q.x();
        }
        if (state >= 2) {
            q.h();
        }
        return q.measure(state >= 2 ? Basis.X : Basis.Z).block();
    }

    private static int bellParity(Node node, Basis basis) {
        Qubit a = node.qubit();
        Qubit b;
        try {
            b = node.qubit();
        } catch (NoFreeQubitException e) {
            a.release();
            throw e;
        }
        a.h().cnot(b);
        return a.measure(basis).block() ^ b.measure(basis).block();
    }

    private static long circuitNanos(Node node, int depth) {
        long start = node.nanos();
        Qubit a = node.qubit();
        Qubit b = node.qubit();
        for (int layer = 0; layer < depth; layer++) {
            a.h().cnot(b);
        }
        a.measure().block();
        b.measure().block();
        return node.nanos() - start;
    }
}
