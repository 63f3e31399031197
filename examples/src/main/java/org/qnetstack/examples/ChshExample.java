package org.qnetstack.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.EprSocket;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.PlatformSpec;

/**
 * A Bell test (the CHSH game) over kept pairs corrected to Φ+. Each round each side picks a measurement
 * direction in the X–Z plane at random: Alice 0 or π/2, Bob π/4 or −π/4 (and, a third of the time, 0, to
 * estimate the QBER of the key basis). S = E(0,π/4) + E(0,−π/4) + E(π/2,π/4) − E(π/2,−π/4), 2√2·w for a
 * Werner pair of weight w (physics.md). Where S > 2 the device-independent secret fraction
 * r = 1 − h(Q) − h((1 + √((S/2)² − 1))/2) is reported, else 0.
 */
public final class ChshExample {
    static final int DEFAULT_ROUNDS = 2000;
    static final double MIN_FIDELITY = 0.8;
    private static final double[] ALICE = {0, Math.PI / 2};
    private static final double[] BOB = {Math.PI / 4, -Math.PI / 4, 0};

    /** The figures; σ is the standard error of S. */
    public record Result(long seed, int rounds, double s, double sSigma, double sLow, double sHigh,
                         double qber, double deviceIndependentRate, double pairFidelity, double predictedS,
                         double simulatedSeconds, double wallSeconds) {
    }

    private record Round(int setting, int outcome) {
    }

    private ChshExample() {
    }

    public static Result run(ExampleOptions options) {
        ExampleOptions.Setup setup = options.setup(DEFAULT_ROUNDS, MIN_FIDELITY);
        PlatformSpec spec = setup.spec();
        int rounds = setup.count();
        List<Round> atAlice = Collections.synchronizedList(new ArrayList<>());
        List<Round> atBob = Collections.synchronizedList(new ArrayList<>());
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.run(setup.alice(), node -> {
                EprSocket socket = node.eprSocket(setup.bob()).minFidelity(setup.minFidelity()).phiPlus();
                for (int i = 0; i < rounds; i++) {
                    EprPair pair = socket.createKeep().block();
                    int setting = node.random().nextInt(ALICE.length);
                    atAlice.add(new Round(setting, measureAlong(pair, ALICE[setting])));
                }
            });
            net.run(setup.bob(), node -> {
                EprSocket socket = node.eprSocket(setup.alice()).phiPlus();
                for (int i = 0; i < rounds; i++) {
                    EprPair pair = socket.recvKeep().block();
                    int setting = node.random().nextInt(BOB.length);
                    atBob.add(new Round(setting, measureAlong(pair, BOB[setting])));
                }
            });
            net.awaitCompletion();
            double fidelity = net.link(setup.alice(), setup.bob())
                    .heraldedFidelity(net.alphaFor(setup.alice(), setup.bob(), setup.minFidelity()));
            return figures(spec.seed(), atAlice, atBob, fidelity, net.nanos() / 1e9, setup.wallSeconds());
        }
    }

    /** Measures the pair's qubit along the direction at angle θ from Z towards X: rotate by −θ about Y, then Z. */
    private static int measureAlong(EprPair pair, double theta) {
        return pair.qubit().rotY(-theta).measure(Basis.Z).block();
    }

    private static Result figures(long seed, List<Round> a, List<Round> b, double fidelity, double simulated,
                                  double wall) {
        long[][] same = new long[2][3];
        long[][] total = new long[2][3];
        for (int i = 0; i < a.size(); i++) {
            Round x = a.get(i);
            Round y = b.get(i);
            total[x.setting][y.setting]++;
            same[x.setting][y.setting] += x.outcome == y.outcome ? 1 : 0;
        }
        double s = 0;
        double variance = 0;
        int[][] terms = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, -1}};
        for (int[] t : terms) {
            long n = total[t[0]][t[1]];
            double e = n == 0 ? 0 : (2.0 * same[t[0]][t[1]] - n) / n;
            s += t[2] * e;
            variance += n == 0 ? 1 : (1 - e * e) / n;
        }
        double sigma = Math.sqrt(variance);
        long keyRounds = total[0][2];
        double qber = keyRounds == 0 ? 0.5 : 1 - (double) same[0][2] / keyRounds;
        double rate = s <= 2 ? 0 : Math.max(0, 1 - Statistics.binaryEntropy(qber)
                - Statistics.binaryEntropy((1 + Math.sqrt(Math.min(1, (s / 2) * (s / 2) - 1))) / 2));
        double w = (4 * fidelity - 1) / 3;
        return new Result(seed, a.size(), s, sigma, s - 3 * sigma, s + 3 * sigma, qber, rate, fidelity,
                2 * Math.sqrt(2) * w, simulated, wall);
    }
}
