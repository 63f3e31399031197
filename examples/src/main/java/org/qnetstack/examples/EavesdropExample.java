package org.qnetstack.examples;

/**
 * An intercept-resend eavesdropper on the link: she measures Bob's half of every pair in a random X or Z
 * basis before he does. In half the sifted bits her basis was wrong and Bob's outcome is random, so the
 * QBER rises to about 25% (physics.md) and BBM92 must abort with no key, run after run. A run without her
 * on the same network shows the key she prevents.
 */
public final class EavesdropExample {
    static final int DEFAULT_RUNS = 20;
    static final int DEFAULT_PAIRS = 10_000;
    /** Noiseless devices by default: every error is Eve's. */
    static final String DEFAULT_CONFIG = "classpath:networks/two-nodes-ideal.yaml";

    /** The figures: how many runs with Eve aborted, their mean QBER, and the run without her. */
    public record Result(long seed, int runs, int pairsPerRun, int abortedWithEve, int keysWithEve,
                         double meanQberWithEve, String outcomeWithoutEve, double qberWithoutEve,
                         long finalKeyBitsWithoutEve, double wallSeconds) {
    }

    private EavesdropExample() {
    }

    public static Result run(ExampleOptions options, int runs) {
        long start = System.nanoTime();
        ExampleOptions opts = options.orConfig(DEFAULT_CONFIG);
        int pairs = opts.count() > 0 ? opts.count() : DEFAULT_PAIRS;
        long seed = opts.seed() != null ? opts.seed() : opts.network().seed();
        int aborted = 0;
        int keys = 0;
        double qberSum = 0;
        for (int i = 0; i < runs; i++) {
            ExampleOptions run = new ExampleOptions(seed + i, opts.config(), false, pairs, opts.minFidelity(), false);
            QkdExample.Result r = QkdExample.run(run,
                    spec -> spec.withOption("interceptResend", spec.links().get(0).name()));
            aborted += r.outcome().startsWith("ABORTED") ? 1 : 0;
            keys += r.finalKeyBits() > 0 ? 1 : 0;
            qberSum += (double) r.siftedErrors() / Math.max(1, r.siftedBits());
        }
        QkdExample.Result honest = QkdExample.run(new ExampleOptions(seed, opts.config(), false, pairs,
                opts.minFidelity(), false));
        return new Result(seed, runs, pairs, aborted, keys, qberSum / runs, honest.outcome(),
                (double) honest.siftedErrors() / Math.max(1, honest.siftedBits()), honest.finalKeyBits(),
                (System.nanoTime() - start) / 1e9);
    }
}
