package org.qnetstack.api;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Remote state preparation: the sender, who knows a state |ψ(θ, φ)⟩ = cos(θ/2)|0⟩ + e^{iφ} sin(θ/2)|1⟩,
 * prepares it at the other end of a kept pair with one measurement and one classical message, and no qubit
 * of its own holding the state.
 *
 * <p>The protocol (docs/physics.md's conventions; the pair folded to Φ+ by its Bell index): the sender measures
 * its half along the axis of |a⟩ = |ψ(θ, −φ)⟩, i.e. rotates by R_z(φ) then R_y(−θ) and measures Z. Since
 * (⟨a| ⊗ I)|Φ+⟩ = |ψ(θ, φ)⟩/√2, outcome 0 leaves the receiver with |ψ⟩; outcome 1 with the orthogonal state
 * |ψ⊥⟩. A Pauli maps |ψ⊥⟩ back to |ψ⟩ only on two great circles: Z on the equator (θ = π/2), Y on the X–Z
 * plane (φ = 0 or π). So equatorial and X–Z-plane states are prepared every time with one bit; any other state
 * only on outcome 0, with probability 1/2, and the receiver learns of the failure
 * ({@link RemotePreparationFailedException}).
 *
 * <p>Noise: over a Werner pair of fidelity F (weight w = (4F − 1)/3), the receiver gets w|ψ⟩⟨ψ| + (1 − w)I/2
 * whatever the outcome, so the prepared state's fidelity is (1 + w)/2 = (2F + 1)/3, as teleportation's. Over a
 * Bell-diagonal pair with weights p_Φ+, p_Φ−, p_Ψ+, p_Ψ− (after folding), an equatorial state comes out with
 * fidelity p_Φ+ + p_Ψ+ cos²φ + p_Ψ− sin²φ: a Z error flips it to |ψ⊥⟩, X and Y errors reflect φ.
 */
public final class RemoteStatePreparation {
    /** The classical channel the correction travels on; applications use channels ≥ 0. */
    public static final int CHANNEL = -2;
    /** How close to the equator or the X–Z plane a state must be to take a Pauli correction. */
    private static final double PLANE_TOLERANCE = 1e-12;

    /** The receiver's correction after outcome 1. */
    private enum Correction { NONE, Z, Y, FAILED }

    /** The correction message: what to apply, and the Bell index of the pair as the sender sees it. */
    private static List<Integer> message(Correction c, int senderBellIndex) {
        return List.of(c.ordinal(), senderBellIndex);
    }

    private RemoteStatePreparation() {
    }

    /**
     * Prepares |ψ(θ, φ)⟩ at the pair's other end: measures this end's half (releasing it) and sends the
     * correction. Emits true if the receiver will hold the state, false if this preparation failed (possible
     * only for a state off the equator and off the X–Z plane).
     */
    public static Mono<Boolean> send(Node node, EprPair pair, double theta, double phi) {
        if (!Double.isFinite(theta) || !Double.isFinite(phi)) {
            throw new ApiMisuseException(null, "theta and phi must be finite angles in radians (were " + theta + ", "
                    + phi + ")");
        }
        return Mono.defer(() -> pair.qubit().rotZ(phi).rotY(-theta).measure(Basis.Z).flatMap(outcome -> {
            Correction c = outcome == 0 ? Correction.NONE : correctionFor(theta, phi);
            return node.classicalSocket(pair.remoteNode(), CHANNEL).send(message(c, pair.bellIndex()))
                    .thenReturn(c != Correction.FAILED);
        }));
    }

    private static Correction correctionFor(double theta, double phi) {
        if (Math.abs(Math.cos(theta)) < PLANE_TOLERANCE) {
            return Correction.Z;
        }
        if (Math.abs(Math.sin(phi)) < PLANE_TOLERANCE) {
            return Correction.Y;
        }
        return Correction.FAILED;
    }

    /**
     * Receives the prepared state into this end's half of the pair and emits that qubit; fails with
     * {@link RemotePreparationFailedException} (the qubit released) if the sender's preparation failed.
     */
    public static Mono<Qubit> receive(Node node, EprPair pair) {
        return node.classicalSocket(pair.remoteNode(), CHANNEL).recv(List.class).map(bits -> {
            Correction c = Correction.values()[(Integer) bits.get(0)];
            Qubit q = pair.qubit();
            if (c == Correction.FAILED) {
                q.release();
                throw new RemotePreparationFailedException(pair.remoteNode());
            }
            Teleport.foldToPhiPlus(q, Teleport.sharedBellIndex((Integer) bits.get(1), pair.bellIndex()));
            if (c == Correction.Z) {
                q.z();
            } else if (c == Correction.Y) {
                q.y();
            }
            return q;
        });
    }
}
