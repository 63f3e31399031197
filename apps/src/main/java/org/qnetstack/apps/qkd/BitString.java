package org.qnetstack.apps.qkd;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.apps.qkd.internal.Bits;

/**
 * An immutable string of bits packed 64 to a {@code long}, so that keys of 10^5–10^6 bits are XORed,
 * counted and hashed word by word. Bit 0 is the first bit; {@link #toString()} prints short strings in
 * that order. Instances are values: equal when their lengths and bits are.
 */
public final class BitString {
    private static final int PRINTED_BITS = 64;
    private static final BitString EMPTY = new BitString(new long[0], 0);

    /** Bits above {@link #length} are always zero, so equality, hashing and popcounts use whole words. */
    private final long[] words;
    private final int length;

    private BitString(long[] words, int length) {
        this.words = words;
        this.length = length;
    }

    public static BitString empty() {
        return EMPTY;
    }

    public static BitString zeros(int length) {
        requireLength(length);
        return new BitString(new long[Bits.words(length)], length);
    }

    /** Parses '0' and '1' characters; anything else is rejected rather than skipped. */
    public static BitString of(CharSequence bits) {
        long[] words = new long[Bits.words(bits.length())];
        for (int i = 0; i < bits.length(); i++) {
            char c = bits.charAt(i);
            if (c == '1') {
                Bits.set(words, i);
            } else if (c != '0') {
                throw new IllegalArgumentException("not a bit at position " + i + ": '" + c + "'");
            }
        }
        return new BitString(words, bits.length());
    }

    /** The bits of {@code words} (bit i is bit i%64 of word i/64), truncated to {@code length}; copies. */
    public static BitString ofWords(long[] words, int length) {
        requireLength(length);
        if (words.length < Bits.words(length)) {
            throw new IllegalArgumentException(words.length + " words cannot hold " + length + " bits");
        }
        long[] copy = Arrays.copyOf(words, Bits.words(length));
        Bits.clearTail(copy, length);
        return new BitString(copy, length);
    }

    /** The string whose bit i is {@code bit.test(i)}, evaluated for i = 0, 1, ... in order. */
    public static BitString generate(int length, IntPredicate bit) {
        requireLength(length);
        long[] words = new long[Bits.words(length)];
        for (int i = 0; i < length; i++) {
            if (bit.test(i)) {
                Bits.set(words, i);
            }
        }
        return new BitString(words, length);
    }

    /** Uniformly random bits, 64 per call to the generator. */
    public static BitString random(int length, RandomGenerator random) {
        requireLength(length);
        long[] words = new long[Bits.words(length)];
        for (int w = 0; w < words.length; w++) {
            words[w] = random.nextLong();
        }
        Bits.clearTail(words, length);
        return new BitString(words, length);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public boolean get(int index) {
        Objects.checkIndex(index, length);
        return Bits.get(words, index);
    }

    /** Bitwise XOR; where two parties' keys differ, the result is 1. */
    public BitString xor(BitString other) {
        requireSameLength(other);
        long[] out = new long[words.length];
        for (int w = 0; w < out.length; w++) {
            out[w] = words[w] ^ other.words[w];
        }
        return new BitString(out, length);
    }

    /** The number of ones (Hamming weight); {@code a.xor(b).weight()} is the number of differing bits. */
    public int weight() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Parity of all bits: 0 or 1. */
    public int parity() {
        return weight() & 1;
    }

    /** Parity of the bits at {@code indices} (each counted as often as it is listed). */
    public int parity(int... indices) {
        int p = 0;
        for (int i : indices) {
            Objects.checkIndex(i, length);
            p ^= (int) (words[i >>> 6] >>> i) & 1;
        }
        return p;
    }

    /** Parity of the bits in [from, to), a word at a time. */
    public int parityOfRange(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        return Bits.parity(words, from, to);
    }

    /** The subsequence {@code this[indices[0]], this[indices[1]], ...}; a permutation when indices are one. */
    public BitString select(int... indices) {
        for (int i : indices) {
            Objects.checkIndex(i, length);
        }
        return new BitString(Bits.gather(words, indices), indices.length);
    }

    /** This string with the bits at {@code indices} removed, the rest kept in order (e.g. after sampling). */
    public BitString without(int... indices) {
        boolean[] drop = new boolean[length];
        int dropped = 0;
        for (int i : indices) {
            Objects.checkIndex(i, length);
            if (!drop[i]) {
                drop[i] = true;
                dropped++;
            }
        }
        int[] kept = new int[length - dropped];
        int k = 0;
        for (int i = 0; i < length; i++) {
            if (!drop[i]) {
                kept[k++] = i;
            }
        }
        return select(kept);
    }

    /** The bits [from, to). */
    public BitString substring(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        long[] out = new long[Bits.words(to - from)];
        for (int i = from; i < to; i++) {
            if (Bits.get(words, i)) {
                Bits.set(out, i - from);
            }
        }
        return new BitString(out, to - from);
    }

    /** A copy with the listed bits inverted. */
    public BitString withFlipped(int... indices) {
        long[] out = words.clone();
        for (int i : indices) {
            Objects.checkIndex(i, length);
            Bits.flip(out, i);
        }
        return new BitString(out, length);
    }

    /** The packed words (bit i is bit i%64 of word i/64, zero above the length); a copy. */
    public long[] toLongArray() {
        return words.clone();
    }

    /** Big-endian within each byte (bit 0 is the high bit of byte 0), as keys are usually written out. */
    public byte[] toByteArray() {
        byte[] out = new byte[(length + 7) >>> 3];
        for (int i = 0; i < length; i++) {
            if (Bits.get(words, i)) {
                out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return out;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof BitString other && other.length == length && Arrays.equals(other.words, words);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(words) + length;
    }

    /** The bits themselves up to 64; longer strings print their first 64 bits, length and weight. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(Math.min(length, PRINTED_BITS) + 40);
        for (int i = 0; i < Math.min(length, PRINTED_BITS); i++) {
            b.append(Bits.get(words, i) ? '1' : '0');
        }
        if (length > PRINTED_BITS) {
            b.append("… (").append(length).append(" bits, weight ").append(weight()).append(')');
        }
        return b.toString();
    }

    private void requireSameLength(BitString other) {
        if (other.length != length) {
            throw new IllegalArgumentException("lengths differ: " + length + " and " + other.length);
        }
    }

    private static void requireLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
    }
}
