package org.qnetstack.apps.qkd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToeplitzHashTest {
    /** Against the matrix definition T[i][j] = s[i − j + n − 1], bit by bit. */
    @ParameterizedTest(name = "{1}×{0}")
    @CsvSource({"1, 1", "5, 3", "64, 64", "65, 1", "100, 63", "129, 65", "300, 200", "1000, 1"})
    void matchesTheMatrixDefinition(int n, int l) {
        SplittableRandom random = new SplittableRandom(n * 1000L + l);
        for (int t = 0; t < 5; t++) {
            ToeplitzHash hash = ToeplitzHash.random(n, l, random);
            BitString s = hash.seed();
            BitString x = BitString.random(n, random);
            BitString expected = BitString.generate(l, i -> {
                int bit = 0;
                for (int j = 0; j < n; j++) {
                    bit ^= s.get(i - j + n - 1) && x.get(j) ? 1 : 0;
                }
                return bit == 1;
            });
            assertEquals(expected, hash.apply(x));
        }
    }

    @Test
    void isLinearWithConstantDiagonals() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 200;
        ToeplitzHash hash = ToeplitzHash.random(n, 70, random);
        BitString x = BitString.random(n, random);
        BitString y = BitString.random(n, random);
        assertEquals(hash.apply(x).xor(hash.apply(y)), hash.apply(x.xor(y)));
        for (int j = 0; j + 1 < n; j++) {
            BitString column = hash.apply(BitString.zeros(n).withFlipped(j));
            BitString next = hash.apply(BitString.zeros(n).withFlipped(j + 1));
            assertEquals(column.substring(0, 69), next.substring(1, 70), "diagonal at column " + j);
        }
    }

    @Test
    void bothPartiesGetTheSameOutputFromTheSameSeed() {
        SplittableRandom random = new SplittableRandom(6);
        BitString key = BitString.random(100_000, random);
        ToeplitzHash alice = ToeplitzHash.random(100_000, 50_000, random);
        ToeplitzHash bob = new ToeplitzHash(alice.seed(), 100_000, 50_000);
        BitString out = alice.apply(key);
        assertEquals(out, bob.apply(BitString.ofWords(key.toLongArray(), 100_000)));
        assertEquals(50_000, out.length());
        assertEquals(25_000, out.weight(), 600);
    }

    @Test
    void refusesEmptyOutputsAndWrongSeeds() {
        assertThrows(IllegalArgumentException.class, () -> ToeplitzHash.random(100, 0, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> ToeplitzHash.random(100, -5, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new ToeplitzHash(BitString.zeros(100), 100, 2));
        assertThrows(IllegalArgumentException.class,
                () -> ToeplitzHash.random(100, 2, new SplittableRandom(1)).apply(BitString.zeros(99)));
        assertEquals(101, ToeplitzHash.seedLength(100, 2));
    }
}
