package org.qnetstack.network;

import org.qnetstack.link.InvalidRequestException;

/**
 * End-to-end test pairs a request asks the network to sacrifice, to measure its pairs' fidelity (RFC 9340 §5):
 * the head of each circuit decides whether its pair is a test and in which Pauli basis (X, Y or Z, equally) and
 * says so in the circuit's set-up, so both ends agree without another message; both ends measure their half in
 * that basis and send each other the outcome. Test pairs are never delivered. Every delivered pair then carries
 * the counts so far as a {@link MeasuredFidelity}.
 *
 * @param fraction    the share of pairs to test once the pairs are verified (or always, without {@code verify}),
 *                    in [0, 1)
 * @param confidence  the confidence of the measured interval, in (0, 1)
 * @param verify      whether to withhold delivery until the interval's lower end reaches the request's minimum
 *                    fidelity: until then every pair is a test; the request fails (a {@link NetworkError} with a
 *                    {@link Refusal} of figure {@link Refusal.Figure#MEASURED_FIDELITY}) once the upper end falls
 *                    below the minimum, or {@code maxTestPairs} tests could not show it
 * @param maxTestPairs  the most tests a verification may take, ≥ 1
 */
public record FidelityTesting(double fraction, double confidence, boolean verify, int maxTestPairs) {
    public FidelityTesting {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new InvalidRequestException("testFraction", "must be in [0, 1) (was " + fraction + ")");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new InvalidRequestException("confidence", "must be in (0, 1), e.g. 0.95 (was " + confidence + ")");
        }
        if (maxTestPairs < 1) {
            throw new InvalidRequestException("maxTestPairs", "must be ≥ 1 (was " + maxTestPairs + ")");
        }
    }
}
