package org.qnetstack.apps.blind;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.qnetstack.api.Basis;
import org.qnetstack.api.ClassicalSocket;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.Node;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.RemoteStatePreparation;

/**
 * Universal blind quantum computation (A. Broadbent, J. Fitzsimons and E. Kashefi, FOCS 2009, "UBQC") on a
 * line of three qubits, verified with traps (J. F. Fitzsimons and E. Kashefi, PRA 96, 012303, 2017) in test
 * runs mixed at random among the computation runs (as in A. Broadbent, Theory of Computing 14, 2018).
 *
 * <p><b>A run.</b> The client prepares three qubits at the server by remote state preparation over kept pairs:
 * in a computation run each is |+_θ⟩ = (|0⟩ + e^{iθ}|1⟩)/√2 with θ uniform over the eight multiples of π/4; in a
 * test run the qubits are traps |+_θ⟩ and dummies |d⟩, d a random bit — traps at both ends and a dummy in the
 * middle, or a trap in the middle between two dummies. The server entangles its line (CZ between neighbours)
 * and measures qubit j at the angle δ_j the client sends, in the basis |±_δ⟩ (outcome 0 for +), returning
 * the outcome s_j. The client's δ_j = φ'_j + θ_j + r_j·π with a fresh random bit r_j, so b_j = s_j ⊕ r_j is
 * the outcome the unrotated measurement at φ'_j would have given. The computation measures the line's
 * qubits at φ'_0 = φ_0, φ'_1 = (−1)^{b_0} φ_1, φ'_2 = (−1)^{b_1} φ_2 + b_0·π, which applies H·R(−φ_1)·H·R(−φ_0)
 * to |+⟩ (R(α) = diag(1, e^{iα})) and measures it in the basis |±_φ₂⟩; its output is b_2. The client's input
 * here is one bit x, φ_0 = x·π and φ_1 = φ_2 = 0, so the correct output is x.
 *
 * <p><b>Blindness.</b> The server sees three qubits, each maximally mixed over the client's choices (|+_θ⟩ over
 * θ, |d⟩ over d), the angles δ_j, uniform over the eight angles whatever φ'_j (θ_j pads them), and its own
 * outcomes, uniform (r_j pads them) — the same in computation and test runs, and whatever x is.
 *
 * <p><b>Traps.</b> A trap |+_θ⟩ next to dummies stays out of the entanglement: CZ with |d⟩ applies Z^d to it.
 * Measured at δ = θ + r·π it must give b = s ⊕ r = the parity of its neighbouring dummies. A server that
 * deviates — measures at other angles, or entangles otherwise — hits a trap it cannot tell from a computation
 * qubit and is caught with a probability the client can set by the share of test runs.
 *
 * <p><b>Noise.</b> Over a Werner pair of fidelity F the prepared qubit is ((1 + w)/2)·ρ + ((1 − w)/2)·ZρZ,
 * w = (4F − 1)/3 (remote state preparation's noise; for these states depolarisation is a Z flip), and a Z flip
 * on a qubit flips its outcome. So the computation's output is right with probability (1 + w_0·w_2)/2 (a flip on
 * the middle qubit is harmless at φ_2 = 0), a middle trap passes with (1 + w_0·w_1·w_2)/2 and end traps pass
 * together with P(no flip on the dummy)·p_0·p_2 + P(flip)·(1 − p_0)(1 − p_2), p_j = (1 + w_j)/2. Gate, memory and
 * readout errors of the server come on top; the prediction leaves them out.
 */
public final class BlindComputation {
    /** Qubits in the line. */
    public static final int QUBITS = 3;
    /** Classical channel of the angles and outcomes. */
    public static final int CHANNEL = 22;
    /** Socket id of the pairs. */
    public static final int SOCKET = 22;
    /** Share of runs that are test runs. */
    public static final double TEST_SHARE = 0.5;

    private BlindComputation() {
    }

    /** Test-run layouts: which qubits are traps (true) and which dummies. */
    private static final boolean[][] LAYOUTS = {{true, false, true}, {false, true, false}};

    /**
     * What the client learned from one run.
     *
     * @param test       whether it was a test run
     * @param input      the client's input bit x (computation runs; 0 in test runs)
     * @param output     b_2 of a computation run (−1 in test runs)
     * @param trapsPassed whether every trap gave its expected outcome (true in computation runs)
     * @param predictedSuccess the probability that the output is right (computation) or the traps pass (test),
     *                   from the fidelities the network reported for the run's pairs
     * @param unblindedFirstAngle φ'_0, the angle the server would see without the θ pad: for the test that
     *                   shows the blindness test can tell dependence when there is one
     */
    public record ClientRun(boolean test, int input, int output, boolean trapsPassed, double predictedSuccess,
                            double unblindedFirstAngle) {
        /** Whether a computation run's output is the correct one, x. */
        public boolean correct() {
            return !test && output == input;
        }
    }

    /**
     * Everything the server saw in one run.
     *
     * @param angles   δ_0, δ_1, δ_2, in units of π/4 (0 to 7)
     * @param outcomes s_0, s_1, s_2
     */
    public record ServerView(int[] angles, int[] outcomes) {
    }

    /** The client's program: {@code runs} runs with random inputs and run types. Blocks. */
    public static List<ClientRun> client(Node node, String server, int runs, double minFidelity) {
        RandomGenerator random = node.random();
        ClassicalSocket channel = node.classicalSocket(server, CHANNEL);
        var socket = node.eprSocket(server, SOCKET).minFidelity(minFidelity);
        List<ClientRun> done = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            boolean test = random.nextDouble() < TEST_SHARE;
            boolean[] traps = LAYOUTS[random.nextInt(LAYOUTS.length)];
            int input = test ? 0 : random.nextInt(2);
            int[] theta = new int[QUBITS];
            int[] dummy = new int[QUBITS];
            double[] w = new double[QUBITS];
            List<EprPair> pairs = socket.createKeep(QUBITS).collectList().block();
            for (int j = 0; j < QUBITS; j++) {
                EprPair pair = pairs.get(j);
                w[j] = (4 * pair.fidelity() - 1) / 3;
                theta[j] = random.nextInt(8);
                dummy[j] = random.nextInt(2);
                boolean isDummy = test && !traps[j];
                double polar = isDummy ? dummy[j] * Math.PI : Math.PI / 2;
                RemoteStatePreparation.send(node, pair, polar, isDummy ? 0 : theta[j] * Math.PI / 4).block();
            }
            int[] b = new int[QUBITS];
            boolean passed = true;
            int firstAngle = 0;
            for (int j = 0; j < QUBITS; j++) {
                int phi = test ? 0 : computationAngle(j, input, b); // φ'_j in units of π/4
                if (j == 0) {
                    firstAngle = phi;
                }
                int r = random.nextInt(2);
                boolean isDummy = test && !traps[j];
                int delta = isDummy ? random.nextInt(8) : Math.floorMod(phi + theta[j] + 4 * r, 8);
                channel.send(delta).block();
                int s = (Integer) channel.recv().block();
                b[j] = s ^ r;
                if (test && traps[j]) {
                    int expected = (j > 0 ? dummy[j - 1] : 0) ^ (j < QUBITS - 1 ? dummy[j + 1] : 0);
                    passed &= b[j] == expected;
                }
            }
            double predicted = test ? trapPrediction(traps, w) : (1 + w[0] * w[2]) / 2;
            done.add(new ClientRun(test, input, test ? -1 : b[2], passed, predicted, firstAngle * Math.PI / 4));
        }
        return done;
    }

    /** φ'_j in units of π/4 for input x (φ_0 = xπ, φ_1 = φ_2 = 0), with the flow's corrections from earlier b. */
    private static int computationAngle(int j, int input, int[] b) {
        return switch (j) {
            case 0 -> 4 * input;
            case 1 -> 0; // (−1)^{b_0}·φ_1 with φ_1 = 0
            default -> 4 * b[0]; // (−1)^{b_1}·φ_2 + b_0·π with φ_2 = 0
        };
    }

    private static double trapPrediction(boolean[] traps, double[] w) {
        if (traps[1]) {
            return (1 + w[0] * w[1] * w[2]) / 2;
        }
        double p0 = (1 + w[0]) / 2;
        double p2 = (1 + w[2]) / 2;
        double keep = (1 + w[1]) / 2;
        return keep * p0 * p2 + (1 - keep) * (1 - p0) * (1 - p2);
    }

    /** The honest server's program: stores the client's qubits, entangles them, measures as told. Blocks. */
    public static List<ServerView> server(Node node, String client, int runs) {
        ClassicalSocket channel = node.classicalSocket(client, CHANNEL);
        var socket = node.eprSocket(client, SOCKET);
        List<ServerView> views = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            List<EprPair> pairs = socket.recvKeep(QUBITS).collectList().block();
            Qubit[] line = new Qubit[QUBITS];
            for (int j = 0; j < QUBITS; j++) {
                line[j] = RemoteStatePreparation.receive(node, pairs.get(j)).block();
            }
            for (int j = 0; j + 1 < QUBITS; j++) {
                line[j].cz(line[j + 1]);
            }
            int[] angles = new int[QUBITS];
            int[] outcomes = new int[QUBITS];
            for (int j = 0; j < QUBITS; j++) {
                angles[j] = (Integer) channel.recv().block();
                outcomes[j] = line[j].rotZ(-angles[j] * Math.PI / 4).measure(Basis.X).block();
                channel.send(outcomes[j]).block();
            }
            views.add(new ServerView(angles, outcomes));
        }
        return views;
    }
}
