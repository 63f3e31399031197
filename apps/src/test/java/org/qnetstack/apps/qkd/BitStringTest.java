package org.qnetstack.apps.qkd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BitStringTest {
    @Test
    void parsesAndPrintsShortStringsInOrder() {
        BitString b = BitString.of("1011000");
        assertEquals(7, b.length());
        assertTrue(b.get(0));
        assertTrue(!b.get(1));
        assertEquals("1011000", b.toString());
        assertEquals(3, b.weight());
        assertEquals(1, b.parity());
    }

    @Test
    void longStringsPrintTheirStartLengthAndWeight() {
        BitString b = BitString.generate(100, i -> i % 2 == 0);
        assertTrue(b.toString().startsWith("1010"));
        assertTrue(b.toString().endsWith("(100 bits, weight 50)"), b.toString());
    }

    @Test
    void rejectsNonBitsAndMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> BitString.of("10a1"));
        assertThrows(IllegalArgumentException.class, () -> BitString.of("10").xor(BitString.of("101")));
        assertThrows(IndexOutOfBoundsException.class, () -> BitString.of("10").get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> BitString.of("10").select(5));
    }

    /** Every operation against a boolean[] model, across word boundaries. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 127, 129, 1000})
    void agreesWithABooleanArrayModel(int n) {
        SplittableRandom random = new SplittableRandom(n);
        boolean[] a = new boolean[n];
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextBoolean();
            b[i] = random.nextBoolean();
        }
        BitString x = BitString.generate(n, i -> a[i]);
        BitString y = BitString.generate(n, i -> b[i]);
        BitString xor = x.xor(y);
        int weight = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(a[i], x.get(i));
            assertEquals(a[i] != b[i], xor.get(i));
            weight += a[i] ? 1 : 0;
        }
        assertEquals(weight, x.weight());
        assertEquals(weight & 1, x.parity());
        for (int t = 0; t < 200 && n > 0; t++) {
            int from = random.nextInt(n + 1);
            int to = from + random.nextInt(n - from + 1);
            int p = 0;
            int[] subset = new int[to - from];
            for (int i = from; i < to; i++) {
                p ^= a[i] ? 1 : 0;
                subset[i - from] = i;
            }
            assertEquals(p, x.parityOfRange(from, to), "[" + from + ", " + to + ")");
            assertEquals(p, x.parity(subset));
            BitString sub = x.substring(from, to);
            assertEquals(to - from, sub.length());
            for (int i = from; i < to; i++) {
                assertEquals(a[i], sub.get(i - from));
            }
        }
    }

    @Test
    void selectsAndRemovesByIndexList() {
        BitString b = BitString.of("110010");
        assertEquals(BitString.of("0011"), b.select(5, 2, 1, 0));
        assertEquals(BitString.of("100"), b.without(1, 3, 3, 4));
        assertEquals(BitString.of("000"), b.select(3, 1, 0).withFlipped(1, 2));
        assertEquals(1, b.parity(0, 1, 1));
    }

    @Test
    void isAValueThatCopiesItsInputAndOutput() {
        long[] words = {-1L, -1L};
        BitString b = BitString.ofWords(words, 70);
        words[0] = 0;
        assertEquals(70, b.weight(), "bits above the length are dropped, and the input array is copied");
        assertEquals(BitString.generate(70, i -> true), b);
        assertEquals(BitString.generate(70, i -> true).hashCode(), b.hashCode());
        b.toLongArray()[0] = 0;
        assertEquals(70, b.weight());
        assertNotEquals(BitString.zeros(70), BitString.zeros(71));
        assertNotEquals(b, b.withFlipped(69));
    }

    @Test
    void writesBytesHighBitFirst() {
        assertArrayEquals(new byte[] {(byte) 0b1010_0000, (byte) 0b1000_0000}, BitString.of("101000001").toByteArray());
    }

    @Test
    void randomStringsAreBalancedAndReproducible() {
        BitString a = BitString.random(100_000, new SplittableRandom(3));
        assertEquals(a, BitString.random(100_000, new SplittableRandom(3)));
        assertEquals(50_000, a.weight(), 800);
    }
}
