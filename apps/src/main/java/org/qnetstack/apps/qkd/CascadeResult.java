package org.qnetstack.apps.qkd;

import org.qnetstack.apps.qkd.internal.Entropy;

/**
 * Bob's outcome of Cascade.
 *
 * @param key             his corrected key: equal to Alice's unless errors survived all passes, which only
 *                        verification can tell
 * @param leakedBits      parities disclosed (one per answered query), to be removed by privacy amplification
 * @param correctedErrors bits he flipped; each flip is certain to fix an error (a single-bit parity is
 *                        Alice's bit itself), so this counts the errors found
 * @param rounds          round trips to Alice
 */
public record CascadeResult(BitString key, long leakedBits, int correctedErrors, int rounds) {
    /** The error rate Cascade found: corrected errors over key length. */
    public double correctedErrorRate() {
        return (double) correctedErrors / key.length();
    }

    /**
     * f = leaked / (n·h(Q)) with Q the corrected error rate: 1 is the Shannon limit, Cascade is usually
     * 1.05–1.25. NaN when no error was found (no rate to compare with).
     */
    public double efficiency() {
        double h = Entropy.binary(correctedErrorRate());
        return h == 0 ? Double.NaN : leakedBits / (key.length() * h);
    }
}
