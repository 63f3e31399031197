package org.qnetstack.apps.bb84;

import java.util.List;
import org.qnetstack.api.Basis;
import org.qnetstack.api.BasisChoice;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.EprMeasurement;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.Node;
import org.qnetstack.apps.qkd.BitString;
import org.qnetstack.apps.stages.PairProbe;

/**
 * BB84 between the two ends of a link, as the two nodes' programs, up to the sifted keys.
 *
 * <p><b>How a state is prepared at the far end.</b> The stack exposes no channel that carries a qubit prepared
 * at one node to another; it exposes heralded pairs, made by the physical layer's photons (with their loss,
 * detector efficiency and dark counts) and measured at once at both ends. Alice prepares at Bob's node by
 * remote state preparation over such a pair: she picks her basis b ∈ {Z, X} (the link layer draws it for her,
 * uniformly) and her bit x, measures her half in b with outcome a, and announces c = a ⊕ x. For a Φ+ pair her
 * measurement leaves Bob's half in |a⟩_b, and the Pauli X^c (for b = Z) or Z^c (for b = X) turns it into
 * |x⟩_b; for another Bell state the Pauli of its index comes on top. Bob measures in his own random basis; the
 * correction commutes with his measurement in Alice's basis up to flipping its outcome, so he applies it to
 * his outcome. A pair that is not heralded is a qubit lost on the way, which Bob learns of — the second
 * option of stage 2's definition. So the states Bob measures are exactly BB84's four states, prepared by
 * Alice from a source that never emits two photons (a heralded pair holds one excitation per end), and
 * c = a ⊕ x tells an eavesdropper nothing because a is uniform and private.
 *
 * <p><b>Security analysis.</b> With a single-photon source BB84 needs no decoy states, and the finite-key
 * analysis of M. Tomamichel, C. C. W. Lim, N. Gisin and R. Renner (Nat. Commun. 3, 634, 2012) applies as
 * implemented in {@code org.qnetstack.apps.qkd}: random sample, hypergeometric QBER bound, Cascade,
 * verification, privacy amplification to ℓ = n(1 − h(Q_upper)) − leak_EC − t − 2·log2(1/ε_PA). For a weak
 * coherent source the decoy-state bounds are in {@link DecoyState}.
 */
public final class Bb84 {
    /** Classical channel of BB84's sifting messages. */
    public static final int CHANNEL = 21;
    /** Socket id of its pairs. */
    public static final int SOCKET = 21;

    private Bb84() {
    }

    /**
     * One end's sifted key.
     *
     * @param pairs  pairs used (qubits prepared and measured)
     * @param sifted the bits where both bases agreed, in order
     */
    public record Sifted(int pairs, BitString sifted) {
    }

    /** Alice's program: asks for {@code pairs} pairs, prepares her chosen bits at Bob, sifts. Blocks. */
    public static Sifted alice(Node node, String bob, int pairs, double minFidelity) {
        EprSocket socket = node.eprSocket(bob, SOCKET).minFidelity(minFidelity);
        List<EprMeasurement> measured = socket.createMeasure(pairs, BasisChoice.randomXz(), BasisChoice.randomXz())
                .collectList().block();
        int n = measured.size();
        int[] bases = new int[n];
        int[] corrections = new int[n];
        int[] bits = new int[n];
        for (int i = 0; i < n; i++) {
            EprMeasurement m = measured.get(i);
            bases[i] = m.basis() == Basis.X ? 1 : 0;
            bits[i] = node.random().nextInt(2);
            corrections[i] = m.outcome() ^ bits[i];
        }
        ClassicalSocket channel = node.classicalSocket(bob, CHANNEL);
        channel.send(bases).block();
        channel.send(corrections).block();
        int[] theirs = (int[]) channel.recv().block();
        return new Sifted(n, keep(bits, bases, theirs));
    }

    /** Bob's program: measures the qubits Alice prepares, in random bases, and sifts. Blocks. */
    public static Sifted bob(Node node, String alice, int pairs) {
        List<EprMeasurement> measured = node.eprSocket(alice, SOCKET).recvMeasure(pairs).collectList().block();
        ClassicalSocket channel = node.classicalSocket(alice, CHANNEL);
        int[] theirBases = (int[]) channel.recv().block();
        int[] corrections = (int[]) channel.recv().block();
        int n = measured.size();
        if (theirBases.length != n || corrections.length != n) {
            throw new IllegalStateException(alice + " announced " + theirBases.length + " bases for " + n + " pairs");
        }
        int[] bases = new int[n];
        int[] bits = new int[n];
        for (int i = 0; i < n; i++) {
            EprMeasurement m = measured.get(i);
            bases[i] = m.basis() == Basis.X ? 1 : 0;
            // The Pauli that turns the far half into Alice's state, applied to this outcome: her correction, and
            // the pair's Bell index (0 for Φ+) in this basis; meaningful only where the bases agree.
            bits[i] = m.outcome() ^ corrections[i] ^ PairProbe.expectedParity(m.bellIndex(), bases[i] == 1 ? 1 : 0);
        }
        channel.send(bases).block();
        return new Sifted(n, keep(bits, bases, theirBases));
    }

    private static BitString keep(int[] bits, int[] bases, int[] theirs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bits.length; i++) {
            if (bases[i] == theirs[i]) {
                b.append(bits[i]);
            }
        }
        return BitString.of(b.toString());
    }
}
