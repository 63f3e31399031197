package org.qnetstack.link;

/**
 * What the link layer knows of the fidelity of the pairs it makes at one α: the device model's value, and
 * the test rounds' estimate with its confidence interval. The interval combines one Clopper–Pearson
 * interval per Pauli basis (each at confidence 1 − (1 − {@code confidence})/3, so the three hold together at
 * {@code confidence}) through F = 1 − (e_X + e_Y + e_Z)/2, which holds for the Bell-diagonal states heralding
 * makes; a basis without test rounds is bounded by the other two (e_P ≤ e_Q + e_R).
 *
 * @param alpha      the bright-state population the pairs were made at
 * @param model      the fidelity the device model predicts at α
 * @param testRounds test rounds counted (both outcomes known, same basis at both ends)
 * @param errors     of those, how many disagreed with the heralded Bell state
 * @param estimate   the point estimate (the model's value while there are no test rounds)
 * @param lower      lower end of the interval
 * @param upper      upper end of the interval
 * @param confidence the interval's confidence, e.g. 0.95
 */
public record FidelityEstimate(double alpha, double model, long testRounds, long errors, double estimate,
                               double lower, double upper, double confidence) {
    /**
     * The goodness the link layer reports: the model's fidelity unless the test rounds show, at the stated
     * confidence, that the pairs are worse, in which case the interval's upper end.
     */
    public double goodness() {
        return Math.min(model, upper);
    }
}
