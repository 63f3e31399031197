package org.qnetstack.api;

/**
 * What is known of a delivered pair's fidelity: the network's model estimate, and what the end-to-end test pairs
 * of its socket with that node measured so far ({@link PairQuality#withTestFraction}, {@link PairQuality#verified}).
 * The measured interval is F = 1 − (e_X + e_Y + e_Z)/2 over the per-basis error rates, each bounded by a two-sided
 * Clopper–Pearson interval at confidence 1 − (1 − {@code confidence})/3, so all three hold together at
 * {@code confidence} (union bound); see docs/physics.md, "Measured fidelity".
 *
 * @param model        the model's estimate when the pair was delivered
 * @param measuredLow  lower end of the measured interval (0 without test pairs)
 * @param measuredHigh upper end of the measured interval (1 without test pairs)
 * @param confidence   the interval's confidence (0 when nothing was measured)
 * @param samples      test pairs counted
 */
public record FidelityEstimate(double model, double measuredLow, double measuredHigh, double confidence,
                               long samples) {
    public FidelityEstimate {
        if (!(measuredLow >= 0 && measuredLow <= measuredHigh && measuredHigh <= 1) || samples < 0) {
            throw new ApiMisuseException("measured", "need 0 ≤ measuredLow ≤ measuredHigh ≤ 1 and samples ≥ 0 (was ["
                    + measuredLow + ", " + measuredHigh + "], " + samples + ")");
        }
    }

    /** The model's estimate alone: nothing measured, the interval [0, 1]. */
    public static FidelityEstimate modelOnly(double model) {
        return new FidelityEstimate(model, 0, 1, 0, 0);
    }

    /** Whether test pairs were counted. */
    public boolean measured() {
        return samples > 0;
    }
}
