package org.qnetstack.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a socket asks of the network for its pairs ({@link EprSocket#with}): immutable; each {@code withX}
 * returns a copy. The network plans the request with its controller before making any pair: it routes by
 * expected end-to-end fidelity and rate, memory decay included, makes the choices left to it ({@link
 * DistillationMode#AUTO}, {@link Cutoff#AUTO}), reserves the rate asked, and refuses what it cannot meet with
 * {@link EprException} of code {@link EprErrorCode#REFUSED} and a {@link RefusalReason}.
 *
 * <p>Swap order: repeaters swap as soon as they hold a pair on each side (the network has no nested swap
 * schedule), so there is no option for it.
 *
 * @param minFidelity    minimum end-to-end fidelity at delivery, in [0, 1]; 0 asks for none
 * @param pairsPerSecond end-to-end pairs per second to reserve, finite, ≥ 0; 0 for best effort (nothing reserved)
 * @param maxTime        how long a request may take (simulated time), positive, or null for no limit
 * @param distillation   distillation before swapping
 * @param cutoff         how old a pair may grow in memory
 * @param testFraction   the share of end-to-end pairs the network sacrifices to measure the pairs' fidelity, in
 *                       [0, 1); 0 for none. Test pairs are measured at both ends in a common random Pauli basis and
 *                       never delivered; every delivered pair then carries the measured interval
 *                       ({@link EprPair#estimate()})
 * @param confidence     the confidence of the measured interval, in (0, 1)
 * @param verified       whether to withhold delivery until the measured interval's lower end reaches
 *                       {@code minFidelity} (every pair is a test until then); the request fails with
 *                       {@link EprErrorCode#REFUSED} and a {@link RefusalReason} of figure
 *                       {@link RefusalReason.Figure#MEASURED_FIDELITY} once the tests show it cannot (upper end
 *                       below the minimum) or {@code maxTestPairs} tests could not show it
 * @param maxTestPairs   the most test pairs a verification may take, ≥ 1
 */
public record PairQuality(double minFidelity, double pairsPerSecond, @Nullable Duration maxTime,
                          DistillationMode distillation, Cutoff cutoff, double testFraction, double confidence,
                          boolean verified, int maxTestPairs) {
    /** The interval's confidence unless asked otherwise. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** The test pairs a verification may take unless asked otherwise. */
    public static final int DEFAULT_MAX_TEST_PAIRS = 1000;
    /** No fidelity asked, nothing reserved, no time limit; distillation and cutoff chosen by the network. */
    public static final PairQuality DEFAULT = new PairQuality(0, 0, null, DistillationMode.AUTO, Cutoff.AUTO);

    /**
     * @throws ApiMisuseException naming the field that is out of range or missing
     */
    /** A quality without test pairs. */
    public PairQuality(double minFidelity, double pairsPerSecond, @Nullable Duration maxTime,
                       DistillationMode distillation, Cutoff cutoff) {
        this(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, 0, DEFAULT_CONFIDENCE, false,
                DEFAULT_MAX_TEST_PAIRS);
    }

    public PairQuality {
        if (!(minFidelity >= 0 && minFidelity <= 1)) {
            throw new ApiMisuseException("minFidelity", "must be in [0, 1] (was " + minFidelity + ")");
        }
        if (!(pairsPerSecond >= 0) || Double.isInfinite(pairsPerSecond)) {
            throw new ApiMisuseException("pairsPerSecond", "must be finite and ≥ 0 (0 for best effort) (was "
                    + pairsPerSecond + ")");
        }
        if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
            throw new ApiMisuseException("maxTime", "must be positive, or null for no limit (was " + maxTime + ")");
        }
        if (distillation == null) {
            throw new ApiMisuseException("distillation", "choose NONE, DEJMPS, BBPSSW or AUTO");
        }
        if (cutoff == null) {
            throw new ApiMisuseException("cutoff", "choose Cutoff.NONE, Cutoff.AUTO or Cutoff.after(duration)");
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new ApiMisuseException("testFraction", "must be in [0, 1): the share of pairs sacrificed to tests "
                    + "(was " + testFraction + ")");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new ApiMisuseException("confidence", "must be in (0, 1), e.g. 0.95 (was " + confidence + ")");
        }
        if (maxTestPairs < 1) {
            throw new ApiMisuseException("maxTestPairs", "must be ≥ 1 (was " + maxTestPairs + ")");
        }
        if (verified && minFidelity <= 0) {
            throw new ApiMisuseException("verified", "needs a minimum fidelity to verify: give withMinFidelity(f), "
                    + "f > 0");
        }
    }

    /** {@link #DEFAULT} with a minimum fidelity. */
    public static PairQuality atLeast(double minFidelity) {
        return DEFAULT.withMinFidelity(minFidelity);
    }

    public PairQuality withMinFidelity(double minFidelity) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, testFraction, confidence, verified, maxTestPairs);
    }

    public PairQuality withRate(double pairsPerSecond) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, testFraction, confidence, verified, maxTestPairs);
    }

    public PairQuality withMaxTime(@Nullable Duration maxTime) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, testFraction, confidence, verified, maxTestPairs);
    }

    public PairQuality withDistillation(DistillationMode distillation) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, testFraction, confidence, verified, maxTestPairs);
    }

    public PairQuality withCutoff(Cutoff cutoff) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, testFraction, confidence, verified, maxTestPairs);
    }

    /** The same quality with a share of pairs sacrificed to measure the fidelity (0 for none). */
    public PairQuality withTestFraction(double testFraction) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, testFraction, confidence,
                verified, maxTestPairs);
    }

    /**
     * The same quality with verified pairs: none is delivered until the measured lower bound, at {@code confidence},
     * reaches {@link #minFidelity}.
     */
    public PairQuality verified(double confidence) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, testFraction, confidence,
                true, maxTestPairs);
    }

    /** The same quality with another interval confidence. */
    public PairQuality withConfidence(double confidence) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, testFraction, confidence,
                verified, maxTestPairs);
    }

    /** The same quality with another budget of test pairs for verification. */
    public PairQuality withMaxTestPairs(int maxTestPairs) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff, testFraction, confidence,
                verified, maxTestPairs);
    }

    /** Whether the network tests pairs for this quality (a test fraction, or verification). */
    public boolean tested() {
        return testFraction > 0 || verified;
    }

    /** {@link #withCutoff} with an explicit duration. */
    public PairQuality withCutoff(Duration cutoff) {
        return withCutoff(Cutoff.after(cutoff));
    }
}
