package org.qnetstack.network.internal;

import java.util.random.RandomGenerator;
import org.qnetstack.hal.Axis;
import org.qnetstack.hal.Gate;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.physical.LocalOperations;

/**
 * The gates of one distillation round at one end, and the Pauli frame bookkeeping both ends share.
 *
 * <p>A pair of Bell index b is (P_b ⊗ I)σ(P_b ⊗ I)† with σ diagonal around Φ+ and P_b = X^x Z^z (b = 2x + z)
 * on the leader's qubit. Every gate of the round is a Clifford U ⊗ V with (U ⊗ V)|Φ+⟩⊗|Φ+⟩ kept, so the
 * round acts on σ as the textbook protocol does, and the frame is carried along by conjugation, on the
 * leader's qubits only: an X left on the leader's target flips its Z outcome, and the frame left on its
 * control is the kept pair's Bell index. Nobody needs to correct a pair to Φ+ first.
 *
 * <p>Roles: the leader applies Rx(π/2) (DEJMPS) or U = S·H to the power of the twirl (BBPSSW), the follower
 * Rx(−π/2) or U* = S†·H; both apply the twirl's Pauli (P ⊗ P* keeps Φ+ up to a phase). The twelve twirls
 * (four Paulis times the three powers of the cycle X→Z→Y→X) average any state into a Werner state.
 *
 * <p>BBPSSW twirls each pair with its own, independently drawn twirl (Bennett et al. 1996): averaged over both
 * draws the two pairs are then two independent Werner states, and the round acts as the textbook says
 * (docs/physics.md). One twirl shared by both pairs would correlate their error types, and for pairs that are
 * not Werner already it would keep pairs more often, and at another fidelity, than the textbook protocol.
 */
final class DistillationRound {
    static final int TWIRLS = 12;
    private static final Gate[] PAULIS = {null, Gate.X, Gate.Z, Gate.Y};

    private DistillationRound() {
    }

    /**
     * Applies this end's part of the round to its qubits of the two pairs, measures the second in Z and
     * releases it.
     *
     * @param twirls the BBPSSW twirls of the first and the second pair (ignored by DEJMPS)
     * @return the outcome
     */
    static int apply(LocalOperations ops, boolean leader, DistillationProtocol protocol, Twirls twirls, int first,
                     int second) {
        prepare(ops, leader, protocol, twirls.first(), first);
        prepare(ops, leader, protocol, twirls.second(), second);
        ops.cnot(first, second);
        return ops.measureAndRelease(second);
    }

    private static void prepare(LocalOperations ops, boolean leader, DistillationProtocol protocol, int twirl,
                                int qubit) {
        if (protocol == DistillationProtocol.DEJMPS) {
            ops.rotate(Axis.X, leader ? Math.PI / 2 : -Math.PI / 2, qubit);
            return;
        }
        Gate pauli = PAULIS[twirl % 4];
        if (pauli != null) {
            ops.apply(pauli, qubit);
        }
        for (int c = 0; c < twirl / 4; c++) {
            ops.apply(Gate.H, qubit);
            ops.apply(leader ? Gate.S : Gate.S_DAGGER, qubit);
        }
    }

    /**
     * The twirls of a round's two pairs, each one of {@link #TWIRLS}; DEJMPS rounds carry {@link #NONE}.
     */
    record Twirls(int first, int second) {
        static final Twirls NONE = new Twirls(0, 0);

        /** Two independent draws, as BBPSSW needs; none for DEJMPS. */
        static Twirls draw(DistillationProtocol protocol, RandomGenerator random) {
            if (protocol != DistillationProtocol.BBPSSW) {
                return NONE;
            }
            int first = random.nextInt(TWIRLS);
            return new Twirls(first, random.nextInt(TWIRLS));
        }

        static boolean valid(int twirl) {
            return twirl >= 0 && twirl < TWIRLS;
        }
    }

    /**
     * The frame after the round, from the pairs' Bell indices: whether the leader's outcome is flipped, and
     * the kept pair's Bell index.
     */
    static Frames frames(DistillationProtocol protocol, Twirls twirls, int firstBell, int secondBell) {
        int x1 = firstBell >> 1;
        int z1 = firstBell & 1;
        int x2 = secondBell >> 1;
        int z2 = secondBell & 1;
        if (protocol == DistillationProtocol.DEJMPS) {
            // Rx(±π/2): X → X, Z → ∓Y
            x1 ^= z1;
            x2 ^= z2;
        } else {
            // Paulis leave the frame alone (up to a phase); H swaps X and Z, S adds Z to X.
            for (int c = 0; c < twirls.first() / 4; c++) {
                int t = x1;
                x1 = z1;
                z1 = t ^ x1;
            }
            for (int c = 0; c < twirls.second() / 4; c++) {
                int t = x2;
                x2 = z2;
                z2 = t ^ x2;
            }
        }
        // CNOT(first → second): X on the control spreads to the target, Z on the target back to the control.
        x2 ^= x1;
        z1 ^= z2;
        return new Frames(x2, 2 * x1 + z1);
    }

    /**
     * @param flip     1 if the leader's outcome must be flipped before comparing with the follower's
     * @param keptBell the kept pair's Bell index
     */
    record Frames(int flip, int keptBell) {
    }

    /** Whether the round kept the first pair: the outcomes agree once the frame is folded in. */
    static boolean agree(Frames frames, int leaderOutcome, int followerOutcome) {
        return (leaderOutcome ^ frames.flip()) == followerOutcome;
    }
}
