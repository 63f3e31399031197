package org.qnetstack.apps.qkd;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.qnetstack.apps.qkd.internal.Bits;

/**
 * Privacy amplification by a random l×n Toeplitz matrix over GF(2), T[i][j] = s[i − j + n − 1], defined by
 * a seed s of n + l − 1 bits. Random Toeplitz matrices are a universal family: two different inputs
 * collide with probability 2^−l (Y. Mansour, N. Nisan and P. Tiwari, STOC 1990; H. Krawczyk, CRYPTO '94),
 * so the leftover hash lemma applies: the output is 2^(−(H_min − l)/2)-close to uniform for
 * Eve, which the secure length turns into ε_PA. The seed is public and fresh for each key.
 *
 * <p>Applying it costs O(n·l/64) word operations: column j of T is the seed window s[n−1−j .. n−1−j+l),
 * so the output is the XOR of the windows of the key's one bits. The seed is kept in 64 copies shifted by
 * 0..63 bits, which makes every window a run of whole words and the inner loop a plain word XOR.
 */
public final class ToeplitzHash {
    private final BitString seed;
    private final int inputLength;
    private final int outputLength;
    /** shifted[r][q] holds seed bits [64q + r, 64q + r + 64). */
    private final long[][] shifted;

    public ToeplitzHash(BitString seed, int inputLength, int outputLength) {
        if (inputLength < 1 || outputLength < 1) {
            throw new IllegalArgumentException("a " + outputLength + "×" + inputLength
                    + " Toeplitz matrix: both sides must be positive (a secure length ≤ 0 means no key)");
        }
        if (seed.length() != seedLength(inputLength, outputLength)) {
            throw new IllegalArgumentException("seed of " + seed.length() + " bits; an " + outputLength + "×"
                    + inputLength + " Toeplitz matrix needs " + seedLength(inputLength, outputLength));
        }
        this.seed = seed;
        this.inputLength = inputLength;
        this.outputLength = outputLength;
        this.shifted = shiftedCopies(seed.toLongArray(), seed.length());
    }

    /** A fresh uniformly random seed. */
    public static ToeplitzHash random(int inputLength, int outputLength, RandomGenerator random) {
        return new ToeplitzHash(BitString.random(seedLength(inputLength, outputLength), random), inputLength,
                outputLength);
    }

    /** n + l − 1: the number of diagonals of an l×n matrix. */
    public static int seedLength(int inputLength, int outputLength) {
        long length = (long) inputLength + outputLength - 1;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("seed of " + length + " bits is too long");
        }
        return (int) length;
    }

    public BitString seed() {
        return seed;
    }

    public int inputLength() {
        return inputLength;
    }

    public int outputLength() {
        return outputLength;
    }

    /** T·x: bit i is the parity of Σ_j T[i][j]·x[j]. */
    public BitString apply(BitString input) {
        if (input.length() != inputLength) {
            throw new IllegalArgumentException("Toeplitz hash for " + inputLength + " bits applied to "
                    + input.length());
        }
        int outWords = Bits.words(outputLength);
        long[] out = new long[outWords];
        for (int start : windowStarts(input)) {
            long[] window = shifted[start & 63];
            int offset = start >>> 6;
            for (int q = 0; q < outWords; q++) {
                out[q] ^= window[offset + q];
            }
        }
        // The last output word took seed bits beyond l; clearing them restores BitString's invariant.
        return BitString.ofWords(out, outputLength);
    }

    /** For each one bit j of the input, where its column starts in the seed: n − 1 − j. */
    private int[] windowStarts(BitString input) {
        long[] x = input.toLongArray();
        int[] starts = new int[input.weight()];
        int k = 0;
        for (int w = 0; w < x.length; w++) {
            for (long word = x[w]; word != 0; word &= word - 1) {
                starts[k++] = inputLength - 1 - ((w << 6) + Long.numberOfTrailingZeros(word));
            }
        }
        return starts;
    }

    private static long[][] shiftedCopies(long[] words, int length) {
        // One spare word so that every window of a whole number of words stays inside the array.
        int count = Bits.words(length) + 1;
        long[] padded = Arrays.copyOf(words, count + 1);
        long[][] copies = new long[64][count];
        for (int r = 0; r < 64; r++) {
            for (int q = 0; q < count; q++) {
                copies[r][q] = r == 0 ? padded[q] : (padded[q] >>> r) | (padded[q + 1] << (64 - r));
            }
        }
        return copies;
    }
}
