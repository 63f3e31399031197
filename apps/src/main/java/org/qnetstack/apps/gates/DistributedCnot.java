package org.qnetstack.apps.gates;

import org.qnetstack.api.Basis;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.Node;
import org.qnetstack.api.Qubit;

/**
 * A CNOT from a control qubit at one node to a target qubit at another, with one entangled pair and one classical
 * bit each way (J. Eisert, K. Jacobs, P. Papadopoulos and M. B. Plenio, PRA 62, 052317, 2000):
 * <ol>
 * <li>the control's node applies CNOT(control → its half a), measures a in Z (m₁) and sends m₁;</li>
 * <li>the target's node applies X^{m₁} to its half b — b now carries the control's Z value — then CNOT(b → target),
 * measures b in X (m₂) and sends m₂;</li>
 * <li>the control's node applies Z^{m₂} to the control.</li>
 * </ol>
 * Both halves are used up and the two qubits have undergone CNOT. The pair is first folded to Φ+ by its Bell
 * index. Noise: a Pauli error on the pair becomes an error on the output — X or Y on a flips m₁ and puts X on the
 * target, Z on a puts Z on the control — so over a Werner pair of fidelity F a Bell state made by the gate
 * (control |+⟩, target |0⟩) has fidelity F, with perfect local operations.
 */
public final class DistributedCnot {
    /** Classical channel of the gate's two bits. */
    public static final int CHANNEL = 24;

    private DistributedCnot() {
    }

    /** The control's side; the pair's other half is at the target's node. Blocks until the gate is done. */
    public static void control(Node node, EprPair pair, Qubit control) {
        var channel = node.classicalSocket(pair.remoteNode(), CHANNEL);
        control.cnot(pair.qubit());
        int m1 = pair.qubit().measure(Basis.Z).block();
        channel.send(m1).block();
        int m2 = (Integer) channel.recv().block();
        if (m2 == 1) {
            control.z();
        }
    }

    /** The target's side. Blocks until the gate is done at this end. */
    public static void target(Node node, EprPair pair, Qubit target) {
        var channel = node.classicalSocket(pair.remoteNode(), CHANNEL);
        int m1 = (Integer) channel.recv().block();
        Qubit b = pair.qubit();
        // Fold the pair to Φ+ by a Pauli on this half (X for Ψ±, then Z for a minus sign); both ends were told the
        // same Bell index. Then X^{m₁}.
        if (pair.bellIndex() >= 2) {
            b.x();
        }
        if (pair.bellIndex() % 2 == 1) {
            b.z();
        }
        if (m1 == 1) {
            b.x();
        }
        b.cnot(target);
        channel.send(b.measure(Basis.X).block()).block();
    }
}
