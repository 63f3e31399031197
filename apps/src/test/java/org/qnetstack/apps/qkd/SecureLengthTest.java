package org.qnetstack.apps.qkd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecureLengthTest {
    @Test
    void subtractsEachTerm() {
        // n = 90,000, Q_upper = 5%: h = 0.286397; leak 17,000; tag 64; 2·log2(10^10) = 66.44.
        SecureLength l = SecureLength.of(90_000, 0.05, 17_000, 64, 1e-10);
        double h = -0.05 * Math.log(0.05) / Math.log(2) - 0.95 * Math.log(0.95) / Math.log(2);
        assertEquals(90_000 * h, l.eveBound(), 1e-6);
        assertEquals(2 * Math.log(1e10) / Math.log(2), l.paPenalty(), 1e-9);
        assertEquals((long) Math.floor(90_000 * (1 - h) - 17_000 - 64 - l.paPenalty()), l.length());
        assertTrue(l.positive());
    }

    @Test
    void noKeyWhenTheTermsExceedTheBits() {
        assertFalse(SecureLength.of(1_000, 0.10, 600, 64, 1e-10).positive());
        assertFalse(SecureLength.of(100_000, 0.5, 0, 0, 0.5).positive(), "Q ≥ 1/2: Eve may know everything");
        assertFalse(SecureLength.of(100, 0, 0, 64, 1e-10).positive(), "tag and penalty alone exceed 100 bits");
        assertThrows(IllegalArgumentException.class, () -> SecureLength.of(100, 0.01, -1, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SecureLength.of(100, 0.01, 0, 0, 1));
    }
}
