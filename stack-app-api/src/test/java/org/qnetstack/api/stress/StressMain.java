package org.qnetstack.api.stress;

import java.util.ArrayList;
import java.util.List;

/**
 * The full-size acceptance of issue 15 (too long for CI): the mixed program of {@link StressRun}, 20,000 rounds,
 * 10 seeds × 3 runs each. Prints one line per run and a verdict; exits 1 if a run failed or two runs of a seed differ.
 * Arguments (optional): rounds, seeds, runs per seed.
 */
public final class StressMain {
    private StressMain() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int failed = 0;
        List<Long> differing = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            StressRun.Result first = null;
            for (int run = 1; run <= runs; run++) {
                long t0 = System.nanoTime();
                try {
                    StressRun.Result r = StressRun.run(seed, rounds);
                    System.out.printf("seed %d run %d: fingerprint %016x, %.3f s simulated, %d measured + %d kept "
                            + "(socket 0), %.1f s wall%n", seed, run, r.fingerprint(), r.simulatedNanos() / 1e9,
                            r.measured(), r.kept(), (System.nanoTime() - t0) / 1e9);
                    if (first == null) {
                        first = r;
                    } else if (!first.equals(r) && !differing.contains(seed)) {
                        differing.add(seed);
                    }
                } catch (RuntimeException e) {
                    failed++;
                    System.out.printf("seed %d run %d: FAILED after %.1f s: %s%n", seed, run,
                            (System.nanoTime() - t0) / 1e9, e);
                }
            }
        }
        System.out.printf("%d seeds × %d runs of %d rounds: %d failed, seeds whose runs differ: %s%n", seeds, runs,
                rounds, failed, differing);
        if (failed > 0 || !differing.isEmpty()) {
            System.exit(1);
        }
    }
}
