package org.qnetstack.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qnetstack.apps.qkd.BitString;
import org.qnetstack.apps.qkd.PostProcessingParameters;
import org.qnetstack.apps.qkd.PostProcessingResult;
import org.qnetstack.apps.qkd.QberEstimate;

/**
 * What a qkd run did, step by step, in words: pairs, sifting, parameter estimation, Cascade, verification,
 * privacy amplification and the final keys; and, when it aborted, why and the command that would succeed.
 */
public final class QkdSteps {
    /** The most the advice multiplies the pairs by before it gives up on more pairs as the remedy. */
    static final int MAX_FACTOR = 64;

    private QkdSteps() {
    }

    /** One line per step, as far as the run got. */
    public static List<String> lines(QkdExample.Run run) {
        QkdExample.Result r = run.result();
        PostProcessingResult pp = run.post();
        QberEstimate q = pp.qber();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "pairs       %,d pairs between %s and %s, measured in random X/Z bases (α = %.4f,"
                        + " pair fidelity %.4f, %,d attempts, %.1f simulated s)", r.pairs(), first(r.path()), last(r.path()), r.alpha(),
                r.pairFidelity(), r.attempts(), r.simulatedSeconds()));
        lines.add(String.format(Locale.ROOT, "sifting     %,d bits where both ends chose the same basis", r.siftedBits()));
        lines.add(String.format(Locale.ROOT, "estimation  QBER %.2f%% (%d errors in %,d sampled bits; 95%% interval "
                        + "%.2f–%.2f%%), predicted %.2f%%; finite-size bound %.2f%% (ε_PE = %s) %s the %.0f%% threshold",
                100 * q.qber(), q.sampleErrors(), q.sampleBits(), 100 * q.clopperPearson().low(),
                100 * q.clopperPearson().high(), 100 * r.predictedQber(), 100 * q.upperBound(),
                small(run.params().epsilonPe()), q.upperBound() <= run.params().qberThreshold() ? "is under"
                        : "is above", 100 * run.params().qberThreshold()));
        if (pp.outcome() == PostProcessingResult.Outcome.ABORTED_QBER) {
            lines.add("aborted     " + pp.reason());
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "Cascade     %,d errors corrected in %,d bits, %,d bits disclosed "
                        + "(efficiency f = %s of the Shannon limit)", pp.correctedErrors(), pp.reconciledBits(),
                pp.leakedBits(), Double.isNaN(pp.efficiency()) ? "— (no errors found)"
                        : String.format(Locale.ROOT, "%.3f", pp.efficiency())));
        if (pp.outcome() == PostProcessingResult.Outcome.ABORTED_VERIFICATION) {
            lines.add("aborted     " + pp.reason());
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "verify      %d-bit hash tags agree: the corrected keys are equal "
                + "(wrong with probability ≤ %s)", pp.verificationTagBits(), small(run.params().epsilonEc())));
        if (pp.aborted()) {
            lines.add("aborted     " + pp.reason());
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "privacy     %,d reconciled bits → %,d secret bits (formula "
                        + "n(1 − h(Q_up)) − leak − tag − 2 log2(1/ε_PA) = %,d; %.4f per reconciled bit, %.4f ± "
                        + "%.4f expected)", pp.reconciledBits(), r.finalKeyBits(), r.secureLengthFormula(),
                r.keyFraction(), r.expectedKeyFraction(), r.keyFractionSigma()));
        String alice = fingerprint(pp.aliceKey());
        String bob = fingerprint(pp.bobKey());
        lines.add(String.format(Locale.ROOT, "final key   %,d bits, sha256 %s at alice, %s at bob: %s", r.finalKeyBits(),
                alice, bob, r.keysIdentical() ? "identical" : "DIFFERENT"));
        return lines;
    }

    private static String first(String path) {
        return path.substring(0, path.indexOf('-'));
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('-') + 1);
    }

    /** A small probability as 1e-10. */
    static String small(double p) {
        return String.format(Locale.ROOT, "%.0e", p).replace("e-0", "e-");
    }

    /** The first 16 hex digits of the SHA-256 of the key's bits written as 0s and 1s. */
    static String fingerprint(BitString key) {
        StringBuilder bits = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            bits.append(key.get(i) ? '1' : '0');
        }
        return QkdExample.sha256(bits.toString()).substring(0, 16);
    }

    /**
     * Why the run made no key and the change that would make one, or "" when it made one. More pairs when the
     * QBER the devices give allows a key and only the sample was too small (the smallest power-of-two multiple
     * of the pairs whose sample, with one standard deviation more errors than the predicted QBER gives, has a
     * bound under the threshold and a positive length at Cascade's usual efficiency of 1.2); a better network when the devices' QBER itself is too high; another seed when verification
     * caught Cascade's residual errors.
     *
     * @param command the command that ran, with its options but not {@code --count}
     */
    public static String advice(QkdExample.Run run, String command) {
        QkdExample.Result r = run.result();
        PostProcessingResult pp = run.post();
        PostProcessingParameters params = run.params();
        if (!pp.aborted()) {
            return "";
        }
        if (pp.outcome() == PostProcessingResult.Outcome.ABORTED_VERIFICATION) {
            return "verification caught errors Cascade left (rare): another seed succeeds: " + command + " --seed "
                    + (r.seed() + 1);
        }
        double q = r.predictedQber();
        if (!(q < params.qberThreshold())) {
            return String.format(Locale.ROOT, "the devices alone give a QBER of %.1f%%, above the %.0f%% at which no "
                    + "key is possible: more pairs do not help; ask for better pairs (--min-fidelity) or run on "
                    + "better devices: examples --config classpath:networks/two-nodes-ion.yaml", 100 * q,
                    100 * params.qberThreshold());
        }
        double siftedPerPair = (double) r.siftedBits() / r.pairs();
        for (int factor = 2; factor <= MAX_FACTOR; factor *= 2) {
            long pairs = (long) r.pairs() * factor;
            int sifted = (int) Math.min(Integer.MAX_VALUE, Math.round(pairs * siftedPerPair));
            int k = (int) Math.round(sifted * params.sampleFraction());
            int n = sifted - k;
            // one standard deviation of the sample's errors above the prediction: a suggestion that holds for most seeds
            int errors = (int) Math.min(k, Math.round(k * q + Math.sqrt(k * q * (1 - q))));
            double up = params.bound().upper(k, errors, n, params.epsilonPe());
            double eve = up >= 0.5 ? 1 : Statistics.binaryEntropy(up);
            double leak = 1.2 * Statistics.binaryEntropy(q); // Cascade's usual efficiency
            double length = n * (1 - eve - leak) - 2 * Math.log(1 / params.epsilonPa()) / Math.log(2) - 64;
            if (up < params.qberThreshold() && length > 0) {
                return String.format(Locale.ROOT, "the QBER allows a key (%.1f%% predicted), but %,d sampled bits "
                        + "leave too wide a finite-size bound; about %,d pairs would bring it to %.1f%%: %s --count %d",
                        100 * q, pp.qber().sampleBits(), pairs, 100 * up, command, pairs);
            }
        }
        return String.format(Locale.ROOT, "at the predicted QBER of %.1f%% even %d times the pairs leave no key: "
                + "ask for better pairs (--min-fidelity) or run on better devices", 100 * q, MAX_FACTOR);
    }

    /** Why figures of a qkd result are missing or negative, for its table. */
    public static Map<String, String> why(QkdExample.Result r) {
        Map<String, String> why = new LinkedHashMap<>();
        boolean noCascade = r.outcome().equals(PostProcessingResult.Outcome.ABORTED_QBER.name());
        why.put("cascadeEfficiency", noCascade ? "Cascade did not run: the run aborted before error correction"
                : "Cascade found no errors: its efficiency is undefined");
        why.put("expectedKeyFraction", "no Cascade efficiency to predict the leak with");
        why.put("keyFractionSigma", "no Cascade efficiency to predict the leak with");
        why.put("asymptoticKeyFraction", "below 0: no key is possible at this QBER even with unlimited pairs");
        return why;
    }
}
