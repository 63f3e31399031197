package org.qnetstack.examples;

/**
 * An intercept-resend eavesdropper on the network's first link (over a chain: one link of it): she measures
 * that link's node-B half of every pair in a random X or Z basis before anyone else does. In half the sifted
 * bits her basis was wrong and the outcome is random, so on her own she causes a QBER of 25% (docs/physics.md);
 * on top of the honest errors Q₀ (independent flips) the QBER is 1/4 + Q₀/2. Above 11%, where 1 − 2h(Q)
 * reaches zero, BBM92 must abort with no key, run after run. A run without her on the same network shows
 * the key she prevents (given enough pairs for the finite-size bound).
 */
public final class EavesdropExample {
    public static final int DEFAULT_RUNS = 20;
    public static final int DEFAULT_PAIRS = 10_000;
    /** Noiseless devices by default: every error is Eve's. */
    public static final String DEFAULT_CONFIG = "classpath:networks/two-nodes-ideal.yaml";

    /**
     * The figures: how many runs with Eve aborted, their mean QBER (over all sifted bits: the simulation
     * knows both keys) beside 1/4 + Q₀/2, the lowest QBER of a single run, and the run without her.
     */
    public record Result(long seed, String path, String eavesdroppedLink, int runs, int pairsPerRun,
                         int abortedWithEve, int keysWithEve, double meanQberWithEve, double predictedQberWithEve,
                         double lowestQberWithEve, long siftedBitsWithEve, String outcomeWithoutEve,
                         double qberWithoutEve, double predictedQberWithoutEve, long finalKeyBitsWithoutEve,
                         boolean keysIdenticalWithoutEve, double wallSeconds) {
    }

    private EavesdropExample() {
    }

    public static Result run(ExampleOptions options, int runs) {
        long start = System.nanoTime();
        ExampleOptions opts = options.orConfig(DEFAULT_CONFIG);
        int pairs = opts.count() > 0 ? opts.count() : DEFAULT_PAIRS;
        long seed = opts.seed() != null ? opts.seed() : opts.network().seed();
        String link = opts.network().links().get(0).name();
        int aborted = 0;
        int keys = 0;
        long errors = 0;
        long sifted = 0;
        double lowest = 1;
        QkdExample.Result honest;
        try (Progress.Task progress = Progress.start("eavesdrop: runs", runs + 1L)) {
            for (int i = 0; i < runs; i++) {
                ExampleOptions run = new ExampleOptions(seed + i, opts.config(), false, pairs, opts.minFidelity(),
                        false);
                QkdExample.Result r = QkdExample.run(run, spec -> spec.withOption("interceptResend", link));
                aborted += r.outcome().startsWith("ABORTED") ? 1 : 0;
                keys += r.finalKeyBits() > 0 ? 1 : 0;
                errors += r.siftedErrors();
                sifted += r.siftedBits();
                lowest = Math.min(lowest, (double) r.siftedErrors() / Math.max(1, r.siftedBits()));
                progress.step();
            }
            honest = QkdExample.run(new ExampleOptions(seed, opts.config(), false, pairs,
                    opts.minFidelity(), false));
        }
        return new Result(seed, honest.path(), link, runs, pairs, aborted, keys, (double) errors / Math.max(1, sifted),
                0.25 + honest.predictedQber() / 2, lowest, sifted, honest.outcome(),
                (double) honest.siftedErrors() / Math.max(1, honest.siftedBits()), honest.predictedQber(),
                honest.finalKeyBits(), honest.keysIdentical(), (System.nanoTime() - start) / 1e9);
    }
}
