package org.qnetstack.apps.anonymous;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.Node;
import org.qnetstack.api.Basis;

/**
 * Anonymous transmission of a classical bit over a GHZ state (M. Christandl and S. Wehner, "Quantum anonymous
 * transmissions", ASIACRYPT 2005, LNCS 3788, 217; arXiv quant-ph/0409201, the protocol "anonymous bit
 * transmission" of its section 4): n ≥ 3 nodes share (|0…0⟩ + |1…1⟩)/√2 ({@link Ghz}, made through the stack);
 * the sender applies Z^b to its qubit; every node measures its qubit in X and announces the outcome to all the
 * others; the parity of the n announced outcomes is b.
 *
 * <p><b>Why the sender stays hidden.</b> Z^b on any one qubit of the GHZ state gives the same state,
 * (|0…0⟩ + (−1)^b|1…1⟩)/√2, whoever applies it; measured in X it gives every n-bit string of parity b with
 * probability 2^{1−n}. So the announcements are uniform over the strings of parity b whoever sent b, and each
 * node's outcome alone is a fair coin. The protocol assumes honest participants announcing at once (a
 * simultaneous broadcast) and a GHZ state nobody tampered with; the paper's verification of the state and its
 * collision detection (two senders in one round) are not implemented: here the caller schedules one sender per
 * round, which only the sender's own program is told.
 *
 * <p><b>Noise.</b> Over a GHZ state with ⟨X^{⊗n}⟩ = E the parity is right with probability (1 + E)/2 (a state
 * mixed over GHZ-basis states gives parity b with probability (1 + (−1)^b⟨X^{⊗n}⟩)/2, and Z^b turns (−1)^b into
 * 1). Made from Werner pairs of reported fidelities F_i, E = Π_i w_i, w_i = (4F_i − 1)/3 ({@link Ghz} says why):
 * {@link #predictedSuccess}. Memory decay, gate and readout errors come on top; the prediction leaves them out.
 */
public final class AnonymousTransmission {
    /** Classical channel of the fusion's corrections and of the announcements. */
    public static final int CHANNEL = 25;

    private AnonymousTransmission() {
    }

    /**
     * What one node saw in one round.
     *
     * @param announced      every node's announced outcome, in the order of the participants
     * @param parity         the bit received: the parity of the announcements
     * @param pairFidelities the fidelities reported for the GHZ state's pairs (at the hub; empty elsewhere)
     * @param storedNanos    how long each of this node's qubits that carry the state's coherence was stored: the
     *                       measured qubit from its pair's delivery to its measurement, then (at the hub) each
     *                       fused half from its delivery to its CNOT
     */
    public record Round(int[] announced, int parity, double[] pairFidelities, long[] storedNanos) {
    }

    /**
     * One node's program for {@code rounds} rounds among {@code participants} (all of them, this node included; the
     * first builds the GHZ state of each round). {@code send} says, per round, the bit this node sends, or null if
     * it does not send in that round: the sender's private choice. Blocks; returns this node's view of every round.
     */
    public static List<Round> participate(Node node, List<String> participants, int rounds, double minFidelity,
                                          IntFunction<@Nullable Integer> send) {
        int me = position(node, participants);
        List<Round> seen = new ArrayList<>(rounds);
        for (int round = 0; round < rounds; round++) {
            seen.add(bitRound(node, participants, me, minFidelity, send.apply(round)));
        }
        return seen;
    }

    /** This node's place among the participants, which must be at least three, distinct, this node among them. */
    static int position(Node node, List<String> participants) {
        int me = participants.indexOf(node.name());
        if (participants.size() < 3 || me < 0 || participants.stream().distinct().count() != participants.size()) {
            throw new IllegalArgumentException("anonymous transmission needs at least three distinct participants, "
                    + "this node among them (was " + participants + " at " + node.name() + ")");
        }
        return me;
    }

    /** This node's share of a fresh GHZ state among the participants. */
    static Ghz.Share share(Node node, List<String> participants, int me, double minFidelity) {
        return me == 0 ? Ghz.hub(node, participants.subList(1, participants.size()), minFidelity)
                : Ghz.member(node, participants.get(0));
    }

    /** One round of anonymous bit transmission: {@code bit} is what this node sends, null if it does not send. */
    static Round bitRound(Node node, List<String> participants, int me, double minFidelity, @Nullable Integer bit) {
        Ghz.Share share = share(node, participants, me, minFidelity);
        if (bit != null && bit == 1) {
            share.qubit().z();
        }
        long stored = node.nanos() - share.heraldedAt();
        int outcome = share.qubit().measure(Basis.X).block();
        int[] announced = announce(node, participants, me, outcome);
        long[] storedNanos = new long[1 + share.fusedAges().length];
        storedNanos[0] = stored;
        System.arraycopy(share.fusedAges(), 0, storedNanos, 1, share.fusedAges().length);
        return new Round(announced, parity(announced), share.pairFidelities(), storedNanos);
    }

    static int parity(int[] bits) {
        int parity = 0;
        for (int b : bits) {
            parity ^= b;
        }
        return parity;
    }

    /** Sends this node's outcome to every other participant, then collects theirs. */
    static int[] announce(Node node, List<String> participants, int me, int outcome) {
        for (int j = 0; j < participants.size(); j++) {
            if (j != me) {
                node.classicalSocket(participants.get(j), CHANNEL).send(outcome).block();
            }
        }
        int[] announced = new int[participants.size()];
        for (int j = 0; j < participants.size(); j++) {
            if (j == me) {
                announced[j] = outcome;
                continue;
            }
            Object m = node.classicalSocket(participants.get(j), CHANNEL).recv().block();
            if (!(m instanceof Integer a) || (a != 0 && a != 1)) {
                throw new IllegalStateException(participants.get(j) + " announced " + m
                        + ", not a measurement outcome");
            }
            announced[j] = a;
        }
        return announced;
    }

    /** The probability that the parity is the sent bit, over a GHZ state fused from Werner pairs of these fidelities. */
    public static double predictedSuccess(double[] pairFidelities) {
        return (1 + xParity(pairFidelities)) / 2;
    }

    /** ⟨X^{⊗n}⟩ of a GHZ state fused from Werner pairs of these fidelities: Π_i (4F_i − 1)/3. */
    public static double xParity(double[] pairFidelities) {
        double e = 1;
        for (double f : pairFidelities) {
            e *= (4 * f - 1) / 3;
        }
        return e;
    }
}
