package org.qnetstack.apps.anonymous;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.Node;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.Basis;

/**
 * Anonymous transmission of a qubit (M. Christandl and S. Wehner, ASIACRYPT 2005, arXiv quant-ph/0409201, section
 * 5): anonymous entanglement, then teleportation whose two classical bits travel by anonymous bit transmission.
 *
 * <p><b>Anonymous entanglement.</b> The participants share a GHZ state. Every node but the sender S and the
 * receiver R measures in X and announces its outcome o_j; S and R announce random bits r_S, r_R instead, so the
 * announcements look the same whoever S and R are (each a fair coin). S and R now share
 * (|00⟩ + (−1)^{Σo_j}|11⟩)/√2. With P the parity of all announcements, S applies Z^{r_S} and R applies
 * Z^{P ⊕ r_R} = Z^{Σo_j ⊕ r_S}: together Z^{Σo_j}, which leaves Φ+. Nobody but S knows who S is; R does not learn
 * it either.
 *
 * <p><b>Teleportation.</b> S measures its message qubit and its half in the Bell basis (docs/physics.md: CNOT,
 * H on the message, both measured in Z: m_c, m_t) and sends m_t, then m_c, each by {@link AnonymousTransmission}'s
 * bit transmission over a fresh GHZ state; R applies X^{m_t} then Z^{m_c}. Three GHZ states per qubit; while
 * the bits travel the receiver keeps its half in a fresh qubit, freeing its communication qubit. The caller
 * schedules the roles; every participant runs this once per transmission. Over noisy states no correction is
 * attempted: a wrong bit parity leaves the received qubit with a Pauli error.
 */
public final class AnonymousQubit {
    private AnonymousQubit() {
    }

    /** A participant's part in one transmission. */
    public enum Role {
        SENDER, RECEIVER, OTHER
    }

    /**
     * One node's program for one transmission among {@code participants} (the first builds the GHZ states).
     * The sender passes its {@code message} qubit (used up); the receiver gets the qubit, everyone else null.
     * Blocks.
     *
     * @throws IllegalArgumentException if the sender gives no message, or another role gives one
     */
    public static @Nullable Qubit transmit(Node node, List<String> participants, double minFidelity, Role role,
                                           @Nullable Qubit message) {
        int me = AnonymousTransmission.position(node, participants);
        if ((role == Role.SENDER) != (message != null)) {
            throw new IllegalArgumentException("the sender, and only the sender, gives the qubit to send (" + role
                    + " gave " + (message == null ? "none" : "one") + ")");
        }
        Qubit half = AnonymousTransmission.share(node, participants, me, minFidelity).qubit();
        boolean kept = role != Role.OTHER;
        int announcement = kept ? node.random().nextInt(2) : half.measure(Basis.X).block();
        int parity = AnonymousTransmission.parity(AnonymousTransmission.announce(node, participants, me, announcement));
        if (role == Role.SENDER && announcement == 1 || role == Role.RECEIVER && (parity ^ announcement) == 1) {
            half.z();
        }
        if (role == Role.RECEIVER) {
            half = moved(node, half);
        }
        Integer mt = null;
        Integer mc = null;
        if (role == Role.SENDER) {
            message.cnot(half);
            message.h();
            mc = message.measure(Basis.Z).block();
            mt = half.measure(Basis.Z).block();
        }
        int xBit = AnonymousTransmission.bitRound(node, participants, me, minFidelity, mt).parity();
        int zBit = AnonymousTransmission.bitRound(node, participants, me, minFidelity, mc).parity();
        if (role != Role.RECEIVER) {
            return null;
        }
        if (xBit == 1) {
            half.x();
        }
        if (zBit == 1) {
            half.z();
        }
        return half;
    }

    /**
     * The state of {@code half} moved to a fresh qubit (a storage qubit where the device has one) by two CNOTs, so that
     * the communication qubit is free for the bit transmissions' GHZ states while the receiver waits for the bits.
     */
    private static Qubit moved(Node node, Qubit half) {
        Qubit store = node.qubit();
        half.cnot(store);
        store.cnot(half);
        half.release();
        return store;
    }
}
