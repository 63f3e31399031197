package org.qnetstack.examples.stages;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.apps.anonymous.AnonymousTransmission;
import org.qnetstack.apps.blind.Blindness;
import org.qnetstack.apps.stages.Proportion;
import org.qnetstack.examples.Predictions;
import org.qnetstack.examples.Report;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.sim.device.DeviceParameters;

/**
 * {@code anonymous}: anonymous transmission of a bit over a GHZ state ({@link AnonymousTransmission}) among
 * {@code --nodes HUB,A,B,…} (default: the first link's first node, which builds the GHZ state, then every other
 * node as declared; the hub must be linked to all of them). Each round a sender and a bit are drawn from the seed
 * and told to the sender's program only. Prints how often the bit arrived (with its interval) beside two
 * predictions — from the pairs' reported fidelities, and from the links' heralded states and the devices' noise
 * ({@link #predictedWithDeviceNoise}) — and the χ² p-value that the announcements are independent of the sender.
 */
public final class AnonymousCommand {
    static final int DEFAULT_ROUNDS = 300;
    static final double MIN_FIDELITY = 0.8;

    /**
     * The figures of many rounds.
     *
     * @param delivered                the rounds whose parity was the sent bit, with the 95% interval
     * @param predictedFromPairs       the mean of (1 + Π w_i)/2 over the rounds, from the pairs' reported fidelities
     * @param predictedWithDeviceNoise the same with the heralded states, memory decay, gate and readout errors
     * @param anonymityP               χ² p-value that the announced strings have one distribution whoever sends
     * @param onesPerNode              each node's share of announced 1s (a fair coin when anonymous)
     */
    public record Result(long seed, List<String> nodes, int rounds, Proportion delivered, double predictedFromPairs,
                         double predictedWithDeviceNoise, double anonymityP, List<Double> onesPerNode,
                         double simulatedSeconds) {
    }

    private AnonymousCommand() {
    }

    public static Result run(StagesCli.Options options, PrintStream out) {
        PlatformSpec spec = options.example().network();
        List<String> nodes = participants(spec, options.nodes());
        int rounds = options.example().count() > 0 ? options.example().count() : DEFAULT_ROUNDS;
        SplittableRandom schedule = new SplittableRandom(spec.seed() ^ 0xa11_0e5L);
        int[] sender = new int[rounds];
        int[] bit = new int[rounds];
        for (int r = 0; r < rounds; r++) {
            sender[r] = schedule.nextInt(nodes.size());
            bit[r] = schedule.nextInt(2);
        }
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            List<List<AnonymousTransmission.Round>> seen = List.of(runAll(net, nodes, rounds, sender, bit));
            int n = nodes.size();
            long right = 0;
            double fromPairs = 0;
            double withNoise = 0;
            long[][] strings = new long[n][1 << n];
            long[] ones = new long[n];
            double[] xx = new double[n];
            for (int j = 1; j < n; j++) {
                xx[j] = pairXx(net, nodes.get(0), nodes.get(j));
            }
            for (int r = 0; r < rounds; r++) {
                int[] announced = seen.get(0).get(r).announced();
                right += seen.get(0).get(r).parity() == bit[r] ? 1 : 0;
                fromPairs += AnonymousTransmission.predictedSuccess(seen.get(0).get(r).pairFidelities());
                int round = r;
                withNoise += predictedWithDeviceNoise(spec, nodes, xx, j -> seen.get(j).get(round).storedNanos(),
                        sender[r], bit[r]);
                int string = 0;
                for (int j = 0; j < n; j++) {
                    string = 2 * string + announced[j];
                    ones[j] += announced[j];
                }
                strings[sender[r]][string]++;
            }
            Result result = new Result(spec.seed(), nodes, rounds, Proportion.of(right, rounds), fromPairs / rounds,
                    withNoise / rounds, Blindness.homogeneity(strings), Arrays.stream(ones).mapToObj(k -> (double) k / rounds).toList(),
                    net.nanos() / 1e9);
            if (!options.example().json()) {
                out.print(Report.table("anonymous", result));
            }
            return result;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<AnonymousTransmission.Round>[] runAll(SimulatedNetwork net, List<String> nodes, int rounds,
                                                             int[] sender, int[] bit) {
        List<AnonymousTransmission.Round>[] views = new List[nodes.size()];
        for (int j = 0; j < nodes.size(); j++) {
            int me = j;
            net.run(nodes.get(j), n -> views[me] = AnonymousTransmission.participate(n, nodes, rounds, MIN_FIDELITY,
                    r -> sender[r] == me ? bit[r] : null));
        }
        net.awaitCompletion();
        return views;
    }

    /** The nodes asked for, or the first link's first node and then every other node; the hub linked to all. */
    static List<String> participants(PlatformSpec spec, List<String> asked) {
        List<String> nodes = new ArrayList<>(asked);
        if (nodes.isEmpty()) {
            nodes.add(spec.links().get(0).nodeA());
            spec.nodes().stream().map(NodeSpec::name).filter(n -> !n.equals(nodes.get(0))).forEach(nodes::add);
        }
        if (nodes.size() < 3 || nodes.stream().distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("--nodes: anonymous transmission needs at least three distinct nodes "
                    + "(was " + nodes + ")");
        }
        for (String n : nodes) {
            if (spec.node(n).isEmpty()) {
                throw new IllegalArgumentException("--nodes: no node " + n + " in the network");
            }
        }
        for (String n : nodes.subList(1, nodes.size())) {
            if (spec.linkBetween(nodes.get(0), n).isEmpty()) {
                throw new IllegalArgumentException("--nodes: the first node (" + nodes.get(0) + ") builds the GHZ "
                        + "state and needs a link to every other; it has none to " + n);
            }
        }
        return nodes;
    }

    /**
     * ⟨X⊗X⟩ of the link's heralded pair once folded to Φ+: 1 − 2(c_Z + c_Y) from its Bell coefficients (as
     * {@link Predictions#chsh} reads them); the fusion carries it into the GHZ state's ⟨X^{⊗n}⟩.
     */
    private static double pairXx(SimulatedNetwork net, String hub, String other) {
        double[] c = Predictions.bellCoefficientsRelativeToPsiPlus(net.link(hub, other)
                .heraldedState(net.alphaFor(hub, other, MIN_FIDELITY)));
        return 1 - 2 * (c[1] + c[3]);
    }

    /**
     * The probability that one round's parity is right, (1 + E + (−1)^b·Π_j d_j)/2, with every source of noise
     * the devices' parameters name multiplying E = ⟨X^{⊗n}⟩ (docs/physics.md's models; each depolarising channel
     * of probability p scales the Bloch components it touches by 1 − p, so the GHZ correlator by 1 − p):
     * <ul>
     * <li>each pair's ⟨X⊗X⟩ from its heralded state ({@link #pairXx});</li>
     * <li>memory: every qubit that carries the state's coherence loses it by the device's coherence factor for the
     *     time it was stored (communication qubits' T1, T2: the pairs are used where they were made);</li>
     * <li>the hub's CNOTs (1 − p₂ each), the others' X corrections (applied half the time: 1 − g/2), the sender's
     *     Z when b = 1 (1 − g), and every node's rotation into X before its readout (1 − g);</li>
     * <li>readout: a ±1 outcome a reads as r·a + d with r = 1 − e₀ − e₁ and d = e₁ − e₀; the GHZ state's
     *     correlators of fewer than n qubits in X vanish, leaving Π r_j·E + Π d_j.</li>
     * </ul>
     * The hub's Z readouts of the fused halves only flip the corrections, which puts an X (harmless to X^{⊗n}) on
     * a node's qubit.
     */
    static double predictedWithDeviceNoise(PlatformSpec spec, List<String> nodes, double[] pairXx, IntFunction<long[]> stored,
                                           int sender, int bit) {
        double e = 1;
        double d = 1;
        for (int j = 0; j < nodes.size(); j++) {
            DeviceParameters device = Predictions.device(spec.node(nodes.get(j)).orElseThrow());
            double g = device.gateCommunicationError();
            if (j > 0) {
                e *= pairXx[j] * (1 - g / 2) * (1 - Predictions.device(spec.node(nodes.get(0)).orElseThrow())
                        .twoQubitGateError());
            }
            for (long t : stored.apply(j)) {
                e *= device.coherenceFactor(true, 0, t);
            }
            if (j == sender && bit == 1) {
                e *= 1 - g;
            }
            e *= (1 - g) * (1 - device.readoutError0() - device.readoutError1());
            d *= device.readoutError1() - device.readoutError0();
        }
        return (1 + e + (bit == 1 ? -d : d)) / 2;
    }
}
