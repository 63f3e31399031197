package org.qnetstack.apps.qkd;

import org.jspecify.annotations.Nullable;

/**
 * Everything one post-processing run decided and measured. When it aborted, both keys are empty and
 * {@link #key()} throws, so an aborted run cannot be mistaken for a short key.
 *
 * @param outcome             a key, or why there is none
 * @param reason              one sentence for people: what happened, with the numbers
 * @param siftedBits          input length
 * @param qber                parameter estimation (sample, interval, bound)
 * @param reconciledBits      n: sifted bits minus the sample
 * @param leakedBits          parities Cascade disclosed (0 if it did not run)
 * @param correctedErrors     errors Cascade found
 * @param cascadeRounds       round trips Cascade needed
 * @param efficiency          leaked / (n·h(corrected/n)); NaN when Cascade did not run or found nothing
 * @param verificationTagBits bits of the verification tag (0 if it did not run)
 * @param secureLength        the secure-length computation, null if the run aborted before it
 * @param aliceKey            Alice's final key (empty when aborted)
 * @param bobKey              Bob's final key (empty when aborted); equal to Alice's except with probability ε_EC
 */
public record PostProcessingResult(Outcome outcome, String reason, int siftedBits, QberEstimate qber,
                                   int reconciledBits, long leakedBits, int correctedErrors, int cascadeRounds,
                                   double efficiency, int verificationTagBits, @Nullable SecureLength secureLength,
                                   BitString aliceKey, BitString bobKey) {

    /** How a run ended. */
    public enum Outcome {
        /** Both parties hold the final key. */
        KEY,
        /** The QBER bound exceeded the threshold: an eavesdropper may know too much. */
        ABORTED_QBER,
        /** Cascade left errors that the hash comparison caught. */
        ABORTED_VERIFICATION,
        /** Too few bits, or the secure length was not positive after the finite-size and leakage terms. */
        ABORTED_NO_SECURE_KEY
    }

    public boolean aborted() {
        return outcome != Outcome.KEY;
    }

    /**
     * The final key (Alice's, equal to Bob's).
     *
     * @throws IllegalStateException if the run aborted: there is no key, not an empty one
     */
    public BitString key() {
        if (aborted()) {
            throw new IllegalStateException("no key: " + reason);
        }
        return aliceKey;
    }
}
