package org.qnetstack.apps.qkd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolynomialHashTest {
    @Test
    void equalKeysAlwaysPass() {
        SplittableRandom random = new SplittableRandom(1);
        for (int t = 0; t < 200; t++) {
            int n = 1 + random.nextInt(5_000);
            BitString key = BitString.random(n, random);
            PolynomialHash alice = PolynomialHash.random(n, 1e-12, random);
            PolynomialHash bob = PolynomialHash.of(n, alice.points());
            assertTrue(bob.verify(BitString.ofWords(key.toLongArray(), n), alice.tag(key)));
        }
    }

    @Test
    void keysDifferingInOneBitFail() {
        SplittableRandom random = new SplittableRandom(2);
        for (int t = 0; t < 2_000; t++) {
            int n = 1 + random.nextInt(20_000);
            BitString key = BitString.random(n, random);
            PolynomialHash hash = PolynomialHash.random(n, 1e-12, random);
            assertFalse(hash.verify(key.withFlipped(random.nextInt(n)), hash.tag(key)));
        }
    }

    @Test
    void keysDifferingInManyBitsFail() {
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 500; t++) {
            BitString key = BitString.random(10_000, random);
            PolynomialHash hash = PolynomialHash.random(10_000, 1e-12, random);
            assertFalse(hash.verify(TestKeys.noisy(key, 0.001 + random.nextDouble() / 10, random)
                    .withFlipped(t), hash.tag(key)));
        }
    }

    @Test
    void tagLengthFollowsTheFailureProbability() {
        // 10^6 bits: L = 15625 words, (L−1)/2^64 ≈ 2^−50.1 per point.
        assertEquals(1, PolynomialHash.evaluationsFor(1_000_000, 1e-12));
        assertEquals(2, PolynomialHash.evaluationsFor(1_000_000, 1e-20));
        assertEquals(3, PolynomialHash.evaluationsFor(1_000_000, 0x1p-101));
        PolynomialHash hash = PolynomialHash.random(1_000_000, 1e-20, new SplittableRandom(4));
        assertEquals(128, hash.tagBits());
        assertTrue(hash.collisionProbability() <= 1e-20);
        assertEquals(128, hash.tag(BitString.zeros(1_000_000)).length());
    }

    @Test
    void isHornersRuleOverTheKeyWords() {
        // One word: the tag is the word itself; two words at κ = 1: their XOR.
        assertEquals(BitString.ofWords(new long[] {0xABCDL}, 64),
                PolynomialHash.of(64, 12345L).tag(BitString.ofWords(new long[] {0xABCDL}, 64)));
        assertEquals(BitString.ofWords(new long[] {0xF0L ^ 0x0FL}, 64),
                PolynomialHash.of(128, 1L).tag(BitString.ofWords(new long[] {0xF0L, 0x0FL}, 128)));
    }

    @Test
    void rejectsMisuse() {
        assertThrows(IllegalArgumentException.class, () -> PolynomialHash.of(10));
        assertThrows(IllegalArgumentException.class, () -> PolynomialHash.of(10, 1L).tag(BitString.zeros(11)));
        assertThrows(IllegalArgumentException.class, () -> PolynomialHash.evaluationsFor(10, 0));
    }
}
