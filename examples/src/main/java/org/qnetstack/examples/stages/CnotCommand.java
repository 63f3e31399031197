package org.qnetstack.examples.stages;

import java.io.PrintStream;
import java.util.List;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.Node;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.apps.gates.DistributedCnot;
import org.qnetstack.apps.stages.Proportion;
import org.qnetstack.examples.Report;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;

/**
 * {@code cnot}: the distributed CNOT ({@link DistributedCnot}) from a control at one node to a target at another
 * (the first link's ends unless {@code --nodes CONTROL,TARGET}), on |+⟩|0⟩, which it turns into Φ+. Round r
 * measures both qubits in Z, X and Y in turn; the Bell state's fidelity is estimated from the three parities,
 * F = (1 + ⟨ZZ⟩ + ⟨XX⟩ − ⟨YY⟩)/4 (Φ+'s projector is (II + XX − YY + ZZ)/4), so it is measured as hardware would
 * measure it, never read from the simulator. Beside it: the pairs' mean reported fidelity, which
 * {@link DistributedCnot} predicts the Bell state's fidelity to be over Werner pairs with perfect local
 * operations; the gates', memory's and readout's errors lower the measured value below it.
 */
public final class CnotCommand {
    static final int DEFAULT_ROUNDS = 300;
    static final double MIN_FIDELITY = 0.8;
    /** Socket id of the gate's pairs (the gate's classical channel has the same number). */
    static final int SOCKET = DistributedCnot.CHANNEL;
    private static final Basis[] BASES = {Basis.Z, Basis.X, Basis.Y};

    /**
     * The figures of many gates.
     *
     * @param zzAgree          how often both outcomes agreed in Z (Φ+: always)
     * @param xxAgree          how often both outcomes agreed in X (Φ+: always)
     * @param yyDiffer         how often they differed in Y (Φ+: always)
     * @param bellFidelity     (zzAgree + xxAgree + yyDiffer − 1)/2, the three estimates' combination
     * @param bellFidelityHalfWidth its 95% half-width (normal approximation over the three binomial counts)
     * @param predictedFromPairs the mean fidelity the network reported for the pairs used
     */
    public record Result(long seed, String control, String target, int rounds, Proportion zzAgree,
                         Proportion xxAgree, Proportion yyDiffer, double bellFidelity, double bellFidelityHalfWidth,
                         double predictedFromPairs, double simulatedSeconds) {
    }

    private CnotCommand() {
    }

    public static Result run(StagesCli.Options options, PrintStream out) {
        PlatformSpec spec = options.example().network();
        LinkSpec link = spec.links().get(0);
        List<String> ends = options.nodes().isEmpty() ? List.of(link.nodeA(), link.nodeB()) : options.nodes();
        if (ends.size() != 2 || ends.get(0).equals(ends.get(1))) {
            throw new IllegalArgumentException("--nodes takes CONTROL,TARGET, two different nodes (was " + ends + ")");
        }
        int rounds = options.example().count() > 0 ? options.example().count() : DEFAULT_ROUNDS;
        int[][] outcomes = new int[2][rounds];
        double[] fidelity = new double[1];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run(ends.get(0), n -> fidelity[0] = control(n, ends.get(1), outcomes[0]));
            net.run(ends.get(1), n -> target(n, ends.get(0), outcomes[1]));
            net.awaitCompletion();
            long[] expected = new long[3];
            long[] trials = new long[3];
            for (int r = 0; r < rounds; r++) {
                int b = r % 3;
                boolean agree = outcomes[0][r] == outcomes[1][r];
                expected[b] += agree == (BASES[b] != Basis.Y) ? 1 : 0;
                trials[b]++;
            }
            Proportion zz = Proportion.of(expected[0], trials[0]);
            Proportion xx = Proportion.of(expected[1], trials[1]);
            Proportion yy = Proportion.of(expected[2], trials[2]);
            double variance = 0;
            for (Proportion p : List.of(zz, xx, yy)) {
                variance += p.trials() == 0 ? Double.NaN : p.estimate() * (1 - p.estimate()) / p.trials();
            }
            Result r = new Result(spec.seed(), ends.get(0), ends.get(1), rounds, zz, xx, yy,
                    (zz.estimate() + xx.estimate() + yy.estimate() - 1) / 2, 1.96 * Math.sqrt(variance) / 2,
                    fidelity[0] / rounds, net.nanos() / 1e9);
            if (!options.example().json()) {
                out.print(Report.table("cnot", r));
            }
            return r;
        }
    }

    /** The control's rounds: |+⟩ through the gate, then measured in round r's basis. Returns the pairs' summed fidelity. */
    private static double control(Node node, String target, int[] outcomes) {
        double fidelities = 0;
        var socket = node.eprSocket(target, SOCKET).minFidelity(MIN_FIDELITY);
        for (int r = 0; r < outcomes.length; r++) {
            EprPair pair = socket.createKeep().block();
            fidelities += pair.fidelity();
            Qubit control = node.qubit().h();
            DistributedCnot.control(node, pair, control);
            outcomes[r] = control.measure(BASES[r % 3]).block();
        }
        return fidelities;
    }

    /** The target's rounds: |0⟩ through the gate, then measured in round r's basis. */
    private static void target(Node node, String control, int[] outcomes) {
        var socket = node.eprSocket(control, SOCKET);
        for (int r = 0; r < outcomes.length; r++) {
            EprPair pair = socket.recvKeep().block();
            Qubit target = node.qubit();
            DistributedCnot.target(node, pair, target);
            outcomes[r] = target.measure(BASES[r % 3]).block();
        }
    }
}
