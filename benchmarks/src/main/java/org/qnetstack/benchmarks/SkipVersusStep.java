package org.qnetstack.benchmarks;

import java.util.Locale;
import org.qnetstack.api.MeasureBasis;
import org.qnetstack.api.SimulatedNetwork;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.PlatformSpec;

/**
 * Scenario benchmark: the same measure-directly request through the whole stack on two nv-2022 nodes
 * 10 km apart (p ≈ 5.5×10⁻⁵ per attempt), once simulating every attempt and once skipping failures.
 * Prints attempts and pairs per wall-second for each and the speed-up.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.qnetstack.benchmarks.SkipVersusStep [pairs]</pre>
 */
public final class SkipVersusStep {
    private SkipVersusStep() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        PlatformSpec spec = NetworkConfig.fromResource("networks/two-nodes-nv.yaml");
        run(spec.withOption("attempts", "skip"), Math.max(10, pairs / 10)); // warm-up
        double[] step = run(spec.withOption("attempts", "step"), pairs);
        double[] skip = run(spec.withOption("attempts", "skip"), pairs);
        System.out.printf(Locale.ROOT, "%-6s %10s %12s %14s %12s%n", "mode", "pairs", "attempts", "attempts/s", "pairs/s");
        print("step", pairs, step);
        print("skip", pairs, skip);
        System.out.printf(Locale.ROOT, "speed-up (pairs per wall-second, skip / step): %.0f×%n",
                (pairs / skip[1]) / (pairs / step[1]));
    }

    private static void print(String mode, int pairs, double[] r) {
        System.out.printf(Locale.ROOT, "%-6s %10d %12.0f %14.3e %12.1f%n", mode, pairs, r[0], r[0] / r[1], pairs / r[1]);
    }

    /** {attempts, wall seconds}. */
    private static double[] run(PlatformSpec spec, int pairs) {
        long start = System.nanoTime();
        try (SimulatedNetwork net = SimulatedNetwork.of(spec)) {
            net.runReactive("alice", n -> n.eprSocket("bob").minFidelity(0.9).createMeasure(pairs, MeasureBasis.RANDOM_XZ));
            net.runReactive("bob", n -> n.eprSocket("alice").recvMeasure(pairs));
            net.awaitCompletion();
            return new double[] {net.attempts("alice", "bob"), (System.nanoTime() - start) / 1e9};
        }
    }
}
