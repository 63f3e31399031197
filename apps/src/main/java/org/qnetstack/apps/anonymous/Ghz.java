package org.qnetstack.apps.anonymous;

import java.util.ArrayList;
import java.util.List;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.Node;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.Basis;

/**
 * An n-node GHZ state (|0…0⟩ + |1…1⟩)/√2 made through the stack by fusing pairs at a hub: the hub holds a Φ+
 * pair with each of the n − 1 others, applies CNOT from its half of the first pair to its half of every other
 * pair, measures each of those in Z and sends the outcome m to the node at the pair's far end, which applies
 * X^m. The hub keeps the first pair's half; each other node keeps its own half.
 *
 * <p><b>Noise.</b> A Pauli error on pair i, taken on the far node's half, passes through the fusion to that node's
 * qubit (an X or Y before the hub's CNOT flips m and so reaches the far node as X; a Z stays a Z), so a GHZ made
 * from Werner pairs of weights w_i = (4F_i − 1)/3 (docs/physics.md) has ⟨X^{⊗n}⟩ = Π_i w_i: only Z and Y errors
 * anticommute with X^{⊗n}, and pair i has one with probability (1 − w_i)/2. More generally the fusion carries
 * each pair's ⟨X⊗X⟩ into the product.
 */
public final class Ghz {
    /** Socket id of the pairs. */
    public static final int SOCKET = 25;

    private Ghz() {
    }

    /**
     * One node's share of a GHZ state.
     *
     * @param qubit          the node's qubit
     * @param pairFidelities the fidelities the network reported for the pairs the state was made of (at the hub;
     *                       empty elsewhere)
     * @param heraldedAt     when the pair of the kept qubit was delivered (its fidelity time, ns): storage from
     *                       then until the qubit is measured dephases the state
     * @param fusedAges      at the hub, how long each other half was stored before its CNOT (ns): a Z error on it
     *                       until then reaches the kept qubit; empty elsewhere
     */
    public record Share(Qubit qubit, double[] pairFidelities, long heraldedAt, long[] fusedAges) {
    }

    /** The hub's side: pairs with {@code others} in order, fused into one GHZ state. Blocks. */
    public static Share hub(Node node, List<String> others, double minFidelity) {
        if (others.isEmpty()) {
            throw new IllegalArgumentException("a GHZ state needs at least one node besides the hub");
        }
        List<EprPair> pairs = new ArrayList<>();
        for (String other : others) {
            pairs.add(node.eprSocket(other, SOCKET).minFidelity(minFidelity).phiPlus().createKeep().block());
        }
        Qubit kept = pairs.get(0).qubit();
        double[] fidelities = new double[pairs.size()];
        long[] fusedAges = new long[pairs.size() - 1];
        for (int i = 0; i < pairs.size(); i++) {
            EprPair pair = pairs.get(i);
            fidelities[i] = pair.fidelity();
            int m = 0; // the first pair's far half is already the GHZ state's; it is told so, like the others
            if (i > 0) {
                fusedAges[i - 1] = node.nanos() - pair.fidelityTime();
                kept.cnot(pair.qubit());
                m = pair.qubit().measure(Basis.Z).block();
            }
            node.classicalSocket(pair.remoteNode(), AnonymousTransmission.CHANNEL).send(m).block();
        }
        return new Share(kept, fidelities, pairs.get(0).fidelityTime(), fusedAges);
    }

    /** The side of every other node: its half of the pair with the hub, corrected into the GHZ state. Blocks. */
    public static Share member(Node node, String hub) {
        EprPair pair = node.eprSocket(hub, SOCKET).phiPlus().recvKeep().block();
        if (node.classicalSocket(hub, AnonymousTransmission.CHANNEL).recv(Integer.class).block() == 1) {
            pair.qubit().x();
        }
        return new Share(pair.qubit(), new double[0], pair.fidelityTime(), new long[0]);
    }
}
