package org.qnetstack.network;

/**
 * What the end-to-end test pairs of a socket's circuits with one remote node have shown so far (see
 * {@link FidelityTesting}; the estimator and its interval are those of {@link org.qnetstack.link.PauliErrorCounts}).
 *
 * @param samples    test pairs whose outcomes both ends know
 * @param errors     of those, how many disagreed with the pair's Bell state
 * @param estimate   the point estimate 1 − (e_X + e_Y + e_Z)/2, NaN without samples
 * @param lower      lower end of the interval (0 without samples)
 * @param upper      upper end of the interval (1 without samples)
 * @param confidence the interval's confidence
 */
public record MeasuredFidelity(long samples, long errors, double estimate, double lower, double upper,
                               double confidence) {
    /** The figures of the counts at {@code confidence}. */
    public static MeasuredFidelity of(org.qnetstack.link.PauliErrorCounts counts, double confidence) {
        double[] f = counts.fidelity(confidence);
        return new MeasuredFidelity(counts.samples(), counts.errors(), f[0], f[1], f[2], confidence);
    }
}
