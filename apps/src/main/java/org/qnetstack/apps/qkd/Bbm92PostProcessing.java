package org.qnetstack.apps.qkd;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.apps.qkd.PostProcessingResult.Outcome;

/**
 * The classical half of BBM92 (entanglement-based BB84) after sifting: parameter estimation, Cascade,
 * verification and privacy amplification, run on both parties' sifted keys in one process. Each stage
 * uses the same per-party pieces a networked run would (Alice's {@link CascadeResponder} answering Bob's
 * {@link Cascade}, tags and seeds computed separately on each side); only what crosses the public channel
 * is shared.
 *
 * <p>{@code publicRandom} chooses the sample, the permutation seed, the hash points and the Toeplitz seed.
 * These are announced in the clear but must not be predictable before they are used: pass a
 * {@link java.security.SecureRandom} outside tests.
 */
public final class Bbm92PostProcessing {
    private Bbm92PostProcessing() {
    }

    public static PostProcessingResult run(BitString aliceSifted, BitString bobSifted, PostProcessingParameters params,
                                           RandomGenerator publicRandom) {
        if (aliceSifted.length() != bobSifted.length()) {
            throw new IllegalArgumentException("sifted keys differ in length: " + aliceSifted.length() + " and "
                    + bobSifted.length() + "; sifting went wrong");
        }
        int sifted = aliceSifted.length();
        int sampleBits = (int) Math.round(sifted * params.sampleFraction());
        int kept = sifted - sampleBits;
        if (sampleBits < 1 || kept < 1) {
            QberEstimate nothing = new QberEstimate(sampleBits, 0, kept, 0, new QberEstimate.Interval(0, 1),
                    params.confidence(), 1, params.bound(), params.epsilonPe());
            return beforeCascade(Outcome.ABORTED_NO_SECURE_KEY, sifted + " sifted bits leave " + sampleBits
                    + " to sample and " + kept + " to keep: too few", sifted, nothing);
        }

        // Parameter estimation: Alice reveals her bits at a random sample, Bob counts the differences.
        int[] sample = sample(sifted, sampleBits, publicRandom);
        int errors = aliceSifted.select(sample).xor(bobSifted.select(sample)).weight();
        QberEstimate qber = QberEstimate.of(sampleBits, errors, kept, params.epsilonPe(), params.bound(),
                params.confidence());
        if (qber.upperBound() > params.qberThreshold()) {
            return beforeCascade(Outcome.ABORTED_QBER, String.format(Locale.ROOT,
                    "QBER bound %.4f (%d errors in %d sampled bits, ε_PE = %.0e) exceeds the threshold %.4f",
                    qber.upperBound(), errors, sampleBits, params.epsilonPe(), params.qberThreshold()), sifted, qber);
        }
        BitString alice = aliceSifted.without(sample);
        BitString bob = bobSifted.without(sample);

        // Error correction. Block sizes follow the observed QBER (with no error seen, its interval's top),
        // capped at 25% where the first blocks are already 3 bits: only a relaxed threshold gets there.
        double expected = Math.min(0.25, errors > 0 ? qber.qber() : qber.clopperPearson().high());
        CascadeSchedule schedule = CascadeSchedule.standard(kept, expected, publicRandom.nextLong());
        CascadeResponder responder = new CascadeResponder(alice, schedule);
        CascadeResult cascade = Cascade.reconcile(bob, schedule, responder);
        Reconciled done = new Reconciled(sifted, qber, responder.disclosedBits(), cascade);

        // Verification: Alice picks fresh points, sends them with her tag; Bob recomputes on his key.
        PolynomialHash aliceHash = PolynomialHash.random(kept, params.epsilonEc(), publicRandom);
        BitString aliceTag = aliceHash.tag(alice);
        int tagBits = aliceHash.tagBits();
        if (!PolynomialHash.of(kept, aliceHash.points()).verify(cascade.key(), aliceTag)) {
            return done.noKey(Outcome.ABORTED_VERIFICATION, "verification failed: Cascade left errors ("
                    + cascade.correctedErrors() + " corrected)", tagBits, null);
        }

        // Privacy amplification to the secure length, each side with the same public seed.
        SecureLength length = SecureLength.of(kept, qber.upperBound(), done.leaked(), tagBits, params.epsilonPa());
        if (!length.positive()) {
            return done.noKey(Outcome.ABORTED_NO_SECURE_KEY, String.format(Locale.ROOT,
                    "secure length %d ≤ 0: n = %d, n·h(Q_upper) = %.0f, leak_EC = %d, tag = %d, "
                            + "2·log2(1/ε_PA) = %.1f", length.length(), kept, length.eveBound(), done.leaked(),
                    tagBits, length.paPenalty()), tagBits, length);
        }
        ToeplitzHash aliceToeplitz = ToeplitzHash.random(kept, (int) length.length(), publicRandom);
        ToeplitzHash bobToeplitz = new ToeplitzHash(aliceToeplitz.seed(), kept, (int) length.length());
        return done.result(Outcome.KEY, String.format(Locale.ROOT,
                "%d-bit key from %d sifted bits (QBER %.4f, bound %.4f, f = %.3f)", length.length(), sifted,
                qber.qber(), qber.upperBound(), cascade.efficiency()), tagBits, length, aliceToeplitz.apply(alice),
                bobToeplitz.apply(cascade.key()));
    }

    private static PostProcessingResult beforeCascade(Outcome outcome, String reason, int sifted, QberEstimate qber) {
        return new PostProcessingResult(outcome, reason, sifted, qber, qber.remainingBits(), 0, 0, 0, Double.NaN, 0,
                null, BitString.empty(), BitString.empty());
    }

    /** What the stages after Cascade report, whichever way the run ends. */
    private record Reconciled(int sifted, QberEstimate qber, long leaked, CascadeResult cascade) {
        PostProcessingResult noKey(Outcome outcome, String reason, int tagBits, @Nullable SecureLength length) {
            return result(outcome, reason, tagBits, length, BitString.empty(), BitString.empty());
        }

        PostProcessingResult result(Outcome outcome, String reason, int tagBits, @Nullable SecureLength length,
                                    BitString aliceKey, BitString bobKey) {
            return new PostProcessingResult(outcome, reason, sifted, qber, qber.remainingBits(), leaked,
                    cascade.correctedErrors(), cascade.rounds(), cascade.efficiency(), tagBits, length, aliceKey,
                    bobKey);
        }
    }

    /** A uniformly random {@code size}-subset of [0, n), sorted: a partial Fisher–Yates shuffle. */
    static int[] sample(int n, int size, RandomGenerator random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, size);
        Arrays.sort(chosen);
        return chosen;
    }
}
