package org.qnetstack.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Basis;

/** Clopper–Pearson against textbook values (R's binom.test) and the Bell-diagonal estimator on exact counts. */
class PauliErrorCountsTest {
    /** The values are quoted to 4 digits. */
    private static final double TABLE = 5e-5;

    @Test
    void clopperPearsonMatchesBinomTest() {
        assertArrayEquals(new double[] {0, 0.3085}, PauliErrorCounts.clopperPearson(0, 10, 0.95), TABLE);
        assertArrayEquals(new double[] {0.1871, 0.8129}, PauliErrorCounts.clopperPearson(5, 10, 0.95), TABLE);
        assertArrayEquals(new double[] {0.6915, 1}, PauliErrorCounts.clopperPearson(10, 10, 0.95), TABLE);
        // binom.test(1, 20): [0.0013, 0.2487]
        assertArrayEquals(new double[] {0.0013, 0.2487}, PauliErrorCounts.clopperPearson(1, 20, 0.95), TABLE);
    }

    @Test
    void clopperPearsonRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> PauliErrorCounts.clopperPearson(3, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> PauliErrorCounts.clopperPearson(0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> PauliErrorCounts.clopperPearson(1, 2, 1));
    }

    /**
     * 10 tests per basis on Φ+ (X and Z agree, Y disagrees), with 1, 2 and 0 errors: F = 1 − (0.1 + 0.2 + 0)/2 =
     * 0.85; the interval combines each basis's interval at 1 − 0.05/3 (union bound).
     */
    @Test
    void fidelityFromCountsWithUnionBound() {
        PauliErrorCounts c = new PauliErrorCounts();
        for (int i = 0; i < 10; i++) {
            c.record(0, Basis.X, 0, i < 1 ? 1 : 0);
            c.record(0, Basis.Y, 1, i < 2 ? 1 : 0);
            c.record(0, Basis.Z, 1, 1);
        }
        assertEquals(30, c.samples());
        assertEquals(3, c.errors());
        double[] f = c.fidelity(0.95);
        assertEquals(0.85, f[0], 1e-12);
        double per = 1 - 0.05 / 3;
        double high = PauliErrorCounts.clopperPearson(1, 10, per)[1] + PauliErrorCounts.clopperPearson(2, 10, per)[1]
                + PauliErrorCounts.clopperPearson(0, 10, per)[1];
        double low = PauliErrorCounts.clopperPearson(1, 10, per)[0] + PauliErrorCounts.clopperPearson(2, 10, per)[0];
        assertEquals(Math.max(0, 1 - high / 2), f[1], 1e-12);
        assertEquals(1 - low / 2, f[2], 1e-12);
        assertTrue(f[1] < 0.85 && 0.85 < f[2]);
    }

    @Test
    void noSamplesKnowNothing() {
        assertArrayEquals(new double[] {Double.NaN, 0, 1}, new PauliErrorCounts().fidelity(0.95), 0);
    }
}
