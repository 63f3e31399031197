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
 */
public record PairQuality(double minFidelity, double pairsPerSecond, @Nullable Duration maxTime,
                          DistillationMode distillation, Cutoff cutoff) {
    /** No fidelity asked, nothing reserved, no time limit; distillation and cutoff chosen by the network. */
    public static final PairQuality DEFAULT = new PairQuality(0, 0, null, DistillationMode.AUTO, Cutoff.AUTO);

    /**
     * @throws ApiMisuseException naming the field that is out of range or missing
     */
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
    }

    /** {@link #DEFAULT} with a minimum fidelity. */
    public static PairQuality atLeast(double minFidelity) {
        return DEFAULT.withMinFidelity(minFidelity);
    }

    public PairQuality withMinFidelity(double minFidelity) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff);
    }

    public PairQuality withRate(double pairsPerSecond) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff);
    }

    public PairQuality withMaxTime(@Nullable Duration maxTime) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff);
    }

    public PairQuality withDistillation(DistillationMode distillation) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff);
    }

    public PairQuality withCutoff(Cutoff cutoff) {
        return new PairQuality(minFidelity, pairsPerSecond, maxTime, distillation, cutoff);
    }

    /** {@link #withCutoff} with an explicit duration. */
    public PairQuality withCutoff(Duration cutoff) {
        return withCutoff(Cutoff.after(cutoff));
    }
}
