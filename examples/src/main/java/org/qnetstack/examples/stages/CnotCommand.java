package org.qnetstack.examples.stages;

import java.io.PrintStream;
import java.util.List;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.Node;
import org.qnetstack.api.Qubit;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.apps.gates.DistributedCnot;
import org.qnetstack.apps.stages.Proportion;
import org.qnetstack.examples.Predictions;
import org.qnetstack.examples.Report;
import org.qnetstack.api.Basis;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * {@code cnot}: the distributed CNOT ({@link DistributedCnot}) from a control at one node to a target at another
 * (the first link's ends unless {@code --nodes CONTROL,TARGET}), on |+⟩|0⟩, which it turns into Φ+. Round r
 * measures both qubits in Z, X and Y in turn; the Bell state's fidelity is estimated from the three parities,
 * F = (1 + ⟨ZZ⟩ + ⟨XX⟩ − ⟨YY⟩)/4 (Φ+'s projector is (II + XX − YY + ZZ)/4), so it is measured as hardware would
 * measure it, never read from the simulator. Beside it: the pairs' mean reported fidelity, which
 * {@link DistributedCnot} predicts the Bell state's fidelity to be over Werner pairs with perfect local
 * operations, and what the estimate should give with the link's heralded state and the devices' gate, memory and
 * readout errors ({@link DeviceNoise}).
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
     * @param predictedWithDeviceNoise what the estimate should give with the link's heralded state and the devices'
     *                         gate, memory and readout errors ({@link DeviceNoise})
     */
    public record Result(long seed, String control, String target, int rounds, Proportion zzAgree,
                         Proportion xxAgree, Proportion yyDiffer, double bellFidelity, double bellFidelityHalfWidth,
                         double predictedFromPairs, double predictedWithDeviceNoise, double simulatedSeconds) {
    }

    /**
     * What one end saw of one round, for the prediction.
     *
     * @param pairAge        how long its half of the pair was stored before it last mattered (ns): the control's
     *                       half until its CNOT, the target's until it was measured
     * @param qubitAge       how long its own qubit was stored, from its initialisation to its measurement (ns)
     * @param qubit          that qubit's index in its device (a communication or a storage qubit, each with its noise)
     * @param bellIndex      the pair's Bell index as delivered
     */
    record Side(long pairAge, long qubitAge, int qubit, int bellIndex) {
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
        Side[][] sides = new Side[2][rounds];
        double[] fidelity = new double[1];
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run(ends.get(0), n -> fidelity[0] = control(n, ends.get(1), outcomes[0], sides[0]));
            net.run(ends.get(1), n -> target(n, ends.get(0), outcomes[1], sides[1]));
            net.awaitCompletion();
            DeviceNoise noise = new DeviceNoise(Predictions.bellCoefficientsRelativeToPsiPlus(net.link(ends.get(0),
                    ends.get(1)).heraldedState(net.alphaFor(ends.get(0), ends.get(1), MIN_FIDELITY))),
                    Predictions.device(spec.node(ends.get(0)).orElseThrow()),
                    Predictions.device(spec.node(ends.get(1)).orElseThrow()));
            double predicted = 0;
            for (int r = 0; r < rounds; r++) {
                predicted += noise.estimate(sides[0][r], sides[1][r]) / rounds;
            }
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
                    fidelity[0] / rounds, predicted, net.nanos() / 1e9);
            if (!options.example().json()) {
                out.print(Report.table("cnot", r));
            }
            return r;
        }
    }

    /** The control's rounds: |+⟩ through the gate, then measured in round r's basis. Returns the pairs' summed fidelity. */
    private static double control(Node node, String target, int[] outcomes, Side[] sides) {
        double fidelities = 0;
        var socket = node.eprSocket(target, SOCKET).minFidelity(MIN_FIDELITY);
        for (int r = 0; r < outcomes.length; r++) {
            EprPair pair = socket.createKeep().block();
            fidelities += pair.fidelity();
            long made = node.nanos();
            Qubit control = node.qubit().h();
            long pairAge = node.nanos() - pair.fidelityTime();
            DistributedCnot.control(node, pair, control);
            sides[r] = new Side(pairAge, node.nanos() - made, control.address().qubit(), pair.bellIndex());
            outcomes[r] = control.measure(BASES[r % 3]).block();
        }
        return fidelities;
    }

    /** The target's rounds: |0⟩ through the gate, then measured in round r's basis. */
    private static void target(Node node, String control, int[] outcomes, Side[] sides) {
        var socket = node.eprSocket(control, SOCKET);
        for (int r = 0; r < outcomes.length; r++) {
            EprPair pair = socket.recvKeep().block();
            long made = node.nanos();
            Qubit target = node.qubit();
            DistributedCnot.target(node, pair, target);
            sides[r] = new Side(node.nanos() - pair.fidelityTime(), node.nanos() - made, target.address().qubit(),
                    pair.bellIndex());
            outcomes[r] = target.measure(BASES[r % 3]).block();
        }
    }

    /**
     * The estimate F̂ = (1 + ⟨ZZ⟩ + ⟨XX⟩ − ⟨YY⟩)/4 the devices should give, every noise a Pauli or depolarising
     * channel traced to the output (docs/physics.md's device models). The output's correlators are the pair's
     * (a Pauli error on the pair becomes the same error on the output, {@link DistributedCnot}) times a factor per
     * noise: a depolarising channel of probability p on the control's qubit, on the far half before its CNOT, or on
     * either output qubit, and each two-qubit gate's (the output is then uniformly mixed), multiply all three by
     * 1 − p; an error that puts Z on the output with probability q (the control's preparation, its H, a flip of the
     * far half's X readout, that half's and the control's memory dephasing) multiplies ⟨XX⟩ and ⟨YY⟩ by 1 − 2q, or
     * by the coherence factor; one that puts X there (the target's preparation, a flip of the control half's Z
     * readout) multiplies ⟨ZZ⟩ and ⟨YY⟩. The estimate's own measurements then read a correlator c as
     * r_A·r_B·(rotation)·c + d_A·d_B (r = 1 − e₀ − e₁, d = e₁ − e₀; the rotation into X or Y costs 1 − g per qubit).
     * Readout flips of the halves are taken at their mean (e₀ + e₁)/2: the halves' outcomes are uniform. The Z
     * correction of the control (half the rounds) counts at its mean, 1 − g/2. Amplitude damping's effect on
     * populations is left out.
     *
     * @param pair Bell coefficients of the link's heralded state relative to it (k = 2x + z for X^x Z^z)
     */
    record DeviceNoise(double[] pair, DeviceParameters control, DeviceParameters target) {
        double estimate(Side a, Side b) {
            boolean cComm = control.isCommunicationQubit(a.qubit());
            boolean tComm = target.isCommunicationQubit(b.qubit());
            double gc = cComm ? control.gateCommunicationError() : control.gateStorageError();
            double gt = tComm ? target.gateCommunicationError() : target.gateStorageError();
            double gb = target.gateCommunicationError();
            double eA = (control.readoutError0() + control.readoutError1()) / 2;
            double eB = (target.readoutError0() + target.readoutError1()) / 2;
            // Noise on every correlator: the two CNOTs, the far half's gates before its CNOT (the Bell index's fold
            // and X^{m₁}, half the time), the control's Z^{m₂} (half the time).
            int farGates = (b.bellIndex() >= 2 ? 1 : 0) + (b.bellIndex() % 2);
            double all = (1 - control.twoQubitGateError()) * (1 - target.twoQubitGateError())
                    * Math.pow(1 - gb, farGates) * (1 - gb / 2) * (1 - gc / 2);
            // Z on the output: the control's preparation and H, the far half's rotation and readout, dephasing of
            // the control half before its CNOT, of the far half before its readout and of both output qubits.
            double phase = (1 - (cComm ? control.initCommunicationError() : control.initStorageError())) * (1 - gc)
                    * (1 - gb) * (1 - 2 * eB)
                    * control.coherenceFactor(true, 0, a.pairAge()) * target.coherenceFactor(true, 0, b.pairAge())
                    * control.coherenceFactor(cComm, 0, a.qubitAge()) * target.coherenceFactor(tComm, 0, b.qubitAge());
            // X on the output: the target's preparation, a flip of the control half's Z readout.
            double flip = (1 - (tComm ? target.initCommunicationError() : target.initStorageError())) * (1 - 2 * eA);
            double zz = (1 - 2 * (pair[2] + pair[3])) * all * flip;
            double xx = (1 - 2 * (pair[1] + pair[3])) * all * phase;
            double yy = -(1 - 2 * (pair[1] + pair[2])) * all * phase * flip;
            double r = (1 - control.readoutError0() - control.readoutError1())
                    * (1 - target.readoutError0() - target.readoutError1());
            double d = (control.readoutError1() - control.readoutError0())
                    * (target.readoutError1() - target.readoutError0());
            double rotated = (1 - gc) * (1 - gt);
            return (1 + (r * zz + d) + (r * rotated * xx + d) - (r * rotated * yy + d)) / 4;
        }
    }
}
