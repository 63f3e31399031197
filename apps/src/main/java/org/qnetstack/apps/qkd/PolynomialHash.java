package org.qnetstack.apps.qkd;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.qnetstack.apps.qkd.internal.Bits;
import org.qnetstack.apps.qkd.internal.Gf64;

/**
 * Verification that error correction succeeded, by a polynomial-evaluation hash over GF(2^64) (B. den Boer,
 * 1993; J. Bierbrauer, T. Johansson, G. Kabatianskii and B. Smeets, CRYPTO '93: the ε-almost-universal
 * family behind GHASH): the key's L words are the
 * coefficients m_1..m_L and the tag for a random point κ is m_1·κ^(L−1) + ... + m_L. Two different keys of
 * the same length give the same tag only if κ is a root of their nonzero difference, a polynomial of degree
 * at most L−1: probability at most (L−1)/2^64. With r independent points the tag has 64·r bits and the
 * collision probability is at most ((L−1)/2^64)^r; r is the smallest that reaches ε_EC.
 *
 * <p>The points are chosen at random after Cascade (so the keys cannot depend on them) and sent in the
 * clear together with Alice's tag; the tag's bits count as leakage for privacy amplification.
 */
public final class PolynomialHash {
    private final int keyLength;
    private final long[] points;

    private PolynomialHash(int keyLength, long[] points) {
        this.keyLength = keyLength;
        this.points = points;
    }

    /** Fresh random points, as many as needed for collision probability ≤ {@code epsilon} on this length. */
    public static PolynomialHash random(int keyLength, double epsilon, RandomGenerator random) {
        long[] points = new long[evaluationsFor(keyLength, epsilon)];
        for (int i = 0; i < points.length; i++) {
            points[i] = random.nextLong();
        }
        return new PolynomialHash(keyLength, points);
    }

    /** The hash with the points the other party chose (received over the public channel). */
    public static PolynomialHash of(int keyLength, long... points) {
        if (points.length == 0) {
            throw new IllegalArgumentException("a polynomial hash needs at least one point");
        }
        requireLength(keyLength);
        return new PolynomialHash(keyLength, points.clone());
    }

    /** r = ⌈ln ε / ln((L−1)/2^64)⌉ evaluations for collision probability ≤ ε on keys of this length. */
    public static int evaluationsFor(int keyLength, double epsilon) {
        requireLength(keyLength);
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("failure probability must be in (0, 1): " + epsilon);
        }
        return (int) Math.max(1, Math.ceil(Math.log(epsilon) / Math.log(perPoint(keyLength))));
    }

    public int keyLength() {
        return keyLength;
    }

    public long[] points() {
        return points.clone();
    }

    public int tagBits() {
        return 64 * points.length;
    }

    /** Upper bound on the probability that two different keys get the same tag. */
    public double collisionProbability() {
        return Math.pow(perPoint(keyLength), points.length);
    }

    /** The tag of a key of {@link #keyLength()} bits: one 64-bit word per point. */
    public BitString tag(BitString key) {
        if (key.length() != keyLength) {
            throw new IllegalArgumentException("hash for " + keyLength + " bits applied to " + key.length());
        }
        long[] words = key.toLongArray();
        long[] tag = new long[points.length];
        for (int r = 0; r < points.length; r++) {
            long h = 0;
            for (long w : words) {
                h = Gf64.multiply(h, points[r]) ^ w;
            }
            tag[r] = h;
        }
        return BitString.ofWords(tag, tagBits());
    }

    /** Whether {@code key} has the tag the other party sent. */
    public boolean verify(BitString key, BitString expectedTag) {
        return tag(key).equals(expectedTag);
    }

    @Override
    public String toString() {
        return "PolynomialHash[" + keyLength + " bits, " + tagBits() + "-bit tag, points "
                + Arrays.toString(points) + "]";
    }

    /** (L−1)/2^64, floored at 2^−64 so that one-word keys (which never collide) still give a finite r. */
    private static double perPoint(int keyLength) {
        return Math.max(1, Bits.words(keyLength) - 1) * 0x1p-64;
    }

    private static void requireLength(int keyLength) {
        if (keyLength < 1) {
            throw new IllegalArgumentException("nothing to hash: length " + keyLength);
        }
    }
}
