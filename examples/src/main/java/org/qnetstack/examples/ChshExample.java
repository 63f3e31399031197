package org.qnetstack.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qnetstack.api.Basis;
import org.qnetstack.api.BasisChoice;
import org.qnetstack.api.EprMeasurement;
import org.qnetstack.api.MeasurementAxis;
import org.qnetstack.api.PairId;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * A Bell test (the CHSH game) on measure-directly pairs over one link, each end drawing its own setting per
 * pair in the link layer ({@link BasisChoice#chshFirst()}: Z or X at Alice; {@link BasisChoice#chshSecond()}:
 * (Z ± X)/√2 at Bob). No Pauli correction is applied: S is taken with the signs the heralded Bell state calls
 * for, S = s_Z·(E(Z,b₀) + E(Z,b₁)) + s_X·(E(X,b₀) − E(X,b₁)) with s_P = ⟨P⊗P⟩ of that state, which is
 * 2√2·w for a Werner pair of weight w (docs/physics.md). Further pairs measured in Z at both ends (DI-QKD's key
 * setting, Alice's first CHSH setting) give the QBER. Where S > 2 the device-independent secret fraction
 * against collective attacks (Acín et al., PRL 98, 230501, 2007; Pironio et al., NJP 11, 045021, 2009) is
 * reported: r = 1 − h(Q) − h((1 + √((S/2)² − 1))/2), else 0; also at the pessimistic ends of the
 * intervals (S at −3σ, Q at its Clopper–Pearson upper end).
 */
public final class ChshExample {
    public static final int DEFAULT_ROUNDS = 2000;
    public static final double MIN_FIDELITY = 0.8;
    /** Key rounds per CHSH round. */
    static final int KEY_ROUND_DIVISOR = 2;
    private static final MeasurementAxis B0 = MeasurementAxis.inXzPlane(Math.PI / 4);

    /**
     * The figures; σ is the standard error of S, [sLow, sHigh] = S ± 3σ; the QBER comes from
     * {@code keyRounds} pairs measured in Z at both ends, with its Clopper–Pearson interval.
     * {@code predictedS} from the heralded state's Bell coefficients and both devices' readout and rotation
     * errors ({@link Predictions#chsh}); {@code predictedSFromPair} = 2√2·(1 − c_X − c_Z − 2c_Y), the pair alone
     * (2√2·w for a Werner pair); {@code predictedQber} that of the Z–Z rounds from the heralded state and both
     * devices' readout errors ({@link Predictions#zBasisQber}; c_X + c_Y without them).
     */
    public record Result(long seed, String link, int rounds, int keyRounds, double s, double sSigma, double sLow,
                         double sHigh, double predictedS, double qber, double qberLow, double qberHigh,
                         double predictedQber, double deviceIndependentRate, double deviceIndependentRateWorstCase,
                         double pairFidelity, double simulatedSeconds, double wallSeconds,
                         double predictedSFromPair) {
    }

    private ChshExample() {
    }

    public static Result run(ExampleOptions options) {
        ExampleOptions.Setup setup = options.setup(DEFAULT_ROUNDS, MIN_FIDELITY);
        PlatformSpec spec = setup.spec();
        int rounds = setup.count();
        int keyRounds = Math.max(1, rounds / KEY_ROUND_DIVISOR);
        Map<String, List<EprMeasurement>> chsh = new HashMap<>();
        Map<String, List<EprMeasurement>> key = new HashMap<>();
        try (SimulatedNetwork net = SimulatedNetwork.of(spec);
             Progress.Task progress = Progress.start("chsh: rounds", rounds + keyRounds)) {
            net.run(setup.alice(), node -> {
                var socket = node.eprSocket(setup.bob()).minFidelity(setup.minFidelity());
                chsh.put("alice", socket.createMeasure(rounds, BasisChoice.chshFirst(), BasisChoice.chshSecond())
                        .doOnNext(m -> progress.step()).collectList().block());
                BasisChoice z = BasisChoice.fixed(Basis.Z);
                key.put("alice", socket.createMeasure(keyRounds, z, z).doOnNext(m -> progress.step()).collectList()
                        .block());
            });
            net.run(setup.bob(), node -> {
                var socket = node.eprSocket(setup.alice());
                chsh.put("bob", socket.recvMeasure(rounds).collectList().block());
                key.put("bob", socket.recvMeasure(keyRounds).collectList().block());
            });
            net.awaitCompletion();
            double[] heralded = net.link(setup.alice(), setup.bob()).heraldedState(setup.alpha(net, setup.link()));
            double[] c = Predictions.bellCoefficientsRelativeToPsiPlus(heralded);
            DeviceParameters da = Predictions.device(spec.node(setup.alice()).orElseThrow());
            DeviceParameters db = Predictions.device(spec.node(setup.bob()).orElseThrow());
            double[] s = s(chsh.get("alice"), chsh.get("bob"));
            long[] errors = keyErrors(key.get("alice"), key.get("bob"));
            double qber = (double) errors[0] / errors[1];
            double[] interval = Statistics.clopperPearson(errors[0], errors[1]);
            return new Result(spec.seed(), setup.link().name(), rounds, keyRounds, s[0], s[1], s[0] - 3 * s[1],
                    s[0] + 3 * s[1], Predictions.chsh(c, da, db), qber, interval[0], interval[1],
                    Predictions.zBasisQber(heralded, da, db), deviceIndependentRate(s[0], qber),
                    deviceIndependentRate(s[0] - 3 * s[1], interval[1]), c[0], net.nanos() / 1e9,
                    setup.wallSeconds(), 2 * Math.sqrt(2) * (1 - c[1] - c[2] - 2 * c[3]));
        }
    }

    /**
     * r = 1 − h(Q) − h((1 + √((S/2)² − 1))/2) for S > 2 (S capped at Tsirelson's 2√2), else 0; never below 0.
     */
    static double deviceIndependentRate(double s, double qber) {
        if (!(s > 2)) {
            return 0;
        }
        double half = Math.min(s, 2 * Math.sqrt(2)) / 2;
        double r = 1 - Statistics.binaryEntropy(qber)
                - Statistics.binaryEntropy((1 + Math.sqrt(half * half - 1)) / 2);
        return Math.max(0, r);
    }

    /** {S, σ}: each pair's product folded by its Bell state's sign for its term, σ² = Σ (1 − E²)/n. */
    private static double[] s(List<EprMeasurement> alice, List<EprMeasurement> bob) {
        Map<PairId, EprMeasurement> bobs = byId(bob);
        double[][] sum = new double[2][2];
        long[][] count = new long[2][2];
        for (EprMeasurement a : alice) {
            EprMeasurement b = partner(bobs, a);
            int i = a.axis().equals(MeasurementAxis.Z) ? 0 : 1;
            int j = b.axis().equals(B0) ? 0 : 1;
            sum[i][j] += product(a, b) * sign(a.bellIndex(), i == 0 ? Basis.Z : Basis.X);
            count[i][j]++;
        }
        double s = 0;
        double variance = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double e = count[i][j] == 0 ? 0 : sum[i][j] / count[i][j];
                s += i == 1 && j == 1 ? -e : e;
                variance += count[i][j] == 0 ? 1 : (1 - e * e) / count[i][j];
            }
        }
        return new double[] {s, Math.sqrt(variance)};
    }

    /** {errors, rounds} of the Z–Z rounds: an error where the outcomes disagree with the Bell state's ⟨ZZ⟩. */
    private static long[] keyErrors(List<EprMeasurement> alice, List<EprMeasurement> bob) {
        Map<PairId, EprMeasurement> bobs = byId(bob);
        long errors = 0;
        for (EprMeasurement a : alice) {
            errors += product(a, partner(bobs, a)) * sign(a.bellIndex(), Basis.Z) < 0 ? 1 : 0;
        }
        return new long[] {errors, alice.size()};
    }

    private static Map<PairId, EprMeasurement> byId(List<EprMeasurement> measurements) {
        Map<PairId, EprMeasurement> m = new HashMap<>();
        measurements.forEach(x -> m.put(x.id(), x));
        return m;
    }

    private static EprMeasurement partner(Map<PairId, EprMeasurement> bobs, EprMeasurement a) {
        EprMeasurement b = bobs.get(a.id());
        if (b == null || b.bellIndex() != a.bellIndex()) {
            throw new IllegalStateException("pair " + a.id() + ": the ends disagree on the pair or its Bell state");
        }
        return b;
    }

    private static int product(EprMeasurement a, EprMeasurement b) {
        return a.outcome() == b.outcome() ? 1 : -1;
    }

    /** ⟨P⊗P⟩ of the Bell state (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−) for P = Z or X. */
    static int sign(int bellIndex, Basis basis) {
        return basis == Basis.Z ? (bellIndex <= 1 ? 1 : -1) : (bellIndex == 0 || bellIndex == 2 ? 1 : -1);
    }
}
