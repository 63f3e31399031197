package org.qnetstack.examples.bench;

import java.util.List;
import java.util.Locale;
import org.qnetstack.api.MeasureBasis;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.link.LinkLayer;

/**
 * Scenario: the link layer's throughput, in pairs per simulated second, for measure-directly and
 * create-and-keep requests through the whole stack (EPR sockets at both ends), against the attempt rate
 * p/t of the link. Runs the nv-2019-lab preset at α = 0.1 over a 2 m lab link (the published evaluation
 * of the link layer) and nv-2022 at 10 km.
 *
 * <pre>mvn -q -pl examples exec:java -Dexec.args="bench --only link"</pre>
 */
public final class LinkThroughput {
    /** The bright-state population of the published evaluation. */
    public static final double ALPHA = 0.1;

    private LinkThroughput() {
    }

    /**
     * One scenario's figures.
     *
     * @param pairs           pairs delivered at both ends
     * @param successPerSlot  p, the model's success probability per attempt at α
     * @param slotNanos       t, the attempt period
     * @param pairsPerSecond  delivered pairs per simulated second
     * @param wallSeconds     wall-clock time of the run
     */
    public record Figures(String preset, double km, String type, int pairs, double alpha, double successPerSlot,
                          long slotNanos, double pairsPerSecond, double wallSeconds) {
        /** p/t: pairs per second if every slot were an attempt and every success a pair. */
        public double attemptLimit() {
            return successPerSlot / (slotNanos / 1e9);
        }

        public double ratio() {
            return pairsPerSecond / attemptLimit();
        }
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.printf(Locale.ROOT, "%-12s %7s %-8s %7s %6s %10s %8s %12s %12s %7s %8s%n", "preset", "km", "type",
                "pairs", "alpha", "p", "t (ns)", "p/t (1/s)", "pairs/s", "ratio", "wall s");
        for (Figures f : figures(pairs)) {
            System.out.printf(Locale.ROOT, "%-12s %7.3f %-8s %7d %6.3f %10.3e %8d %12.2f %12.3f %7.3f %8.2f%n",
                    f.preset(), f.km(), f.type(), f.pairs(), f.alpha(), f.successPerSlot(), f.slotNanos(),
                    f.attemptLimit(), f.pairsPerSecond(), f.ratio(), f.wallSeconds());
        }
    }

    /** The three runs: nv-2019-lab measure and keep at 2 m, nv-2022 measure at 10 km. */
    static List<Figures> figures(int pairs) {
        return List.of(run("nv-2019-lab", 0.002, "measure", pairs, 1),
                run("nv-2019-lab", 0.002, "keep", Math.max(10, pairs / 10), 2),
                run("nv-2022", 10, "measure", pairs, 3));
    }

    /** A run as a bench result: the delivered rate against 90% of p/t (the link layer's target). */
    static BenchScenarios.Result asResult(Figures f) {
        return new BenchScenarios.Result("link layer " + f.preset() + " " + f.km() + " km " + f.type(), f.ratio(),
                "delivered rate / (p/t), simulated", f.type().equals("measure") ? 0.9 : 0, false,
                java.util.Map.of("pairsPerSimulatedSecond", f.pairsPerSecond(), "p", f.successPerSlot(),
                        "slotNanos", f.slotNanos(), "alpha", f.alpha()));
    }

    /** Runs {@code pairs} pairs of one type between two nodes of a preset at α = 0.1. */
    public static Figures run(String preset, double km, String type, int pairs, long seed) {
        long start = System.nanoTime();
        try (SimulatedNetwork net = SimulatedNetwork.builder().seed(seed).node("alice", preset).node("bob", preset)
                .link("alice", "bob", km).build()) {
            HeraldedLink link = net.link("alice", "bob");
            // The largest α meeting a fidelity is the one asked for: ask for the fidelity α = 0.1 gives.
            double minFidelity = link.heraldedFidelity(ALPHA) - 1e-12
                    - (type.equals("keep") ? LinkLayer.KEEP_DECAY_MARGIN : 0);
            // what the link layer aims at (a keep request adds the margin back)
            double alpha = net.alphaFor("alice", "bob", link.heraldedFidelity(ALPHA) - 1e-12);
            if (type.equals("measure")) {
                net.runReactive("alice", n -> n.eprSocket("bob").minFidelity(minFidelity)
                        .createMeasure(pairs, MeasureBasis.RANDOM_XZ));
                net.runReactive("bob", n -> n.eprSocket("alice").minFidelity(minFidelity).recvMeasure(pairs));
            } else {
                net.runReactive("alice", n -> n.eprSocket("bob").minFidelity(minFidelity).createKeep(pairs)
                        .concatMap(p -> p.qubit().measure()));
                net.runReactive("bob", n -> n.eprSocket("alice").minFidelity(minFidelity).recvKeep(pairs)
                        .concatMap(p -> p.qubit().measure()));
            }
            net.awaitCompletion();
            double seconds = net.nanos() / 1e9;
            return new Figures(preset, km, type, pairs, alpha, link.successProbability(alpha), link.slotNanos(),
                    pairs / seconds, (System.nanoTime() - start) / 1e9);
        }
    }
}
