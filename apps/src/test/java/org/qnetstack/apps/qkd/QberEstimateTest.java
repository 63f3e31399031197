package org.qnetstack.apps.qkd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QberEstimateTest {
    @Test
    void clopperPearsonMatchesTabulatedValues() {
        // 0 of 10: the upper limit solves (1 − p)^10 = 0.025.
        QberEstimate.Interval none = QberEstimate.clopperPearson(0, 10, 0.95);
        assertEquals(0, none.low());
        assertEquals(1 - Math.pow(0.025, 0.1), none.high(), 1e-9);
        // 5 of 10: [0.1871, 0.8129], symmetric.
        QberEstimate.Interval half = QberEstimate.clopperPearson(5, 10, 0.95);
        assertEquals(0.187086, half.low(), 1e-6);
        assertEquals(1 - half.low(), half.high(), 1e-9);
        assertEquals(new QberEstimate.Interval(0, 1), QberEstimate.clopperPearson(0, 0, 0.95));
    }

    @Test
    void serflingIsTheDocumentedFormula() {
        int k = 10_000;
        int m = 90_000;
        int e = 300;
        double eps = 1e-10;
        double n = k + m;
        double fromSample = Math.sqrt(n * (m + 1) * Math.log(1 / eps) / (2.0 * k * m * m));
        double fromRest = Math.sqrt(n * (k + 1) * Math.log(1 / eps) / (2.0 * m * k * k));
        assertTrue(fromSample < fromRest, "with m > k, Serfling on the sample is the tighter orientation");
        assertEquals(0.03 + fromSample, QberBound.SERFLING.upper(k, e, m, eps), 1e-12);
    }

    @Test
    void theExactBoundIsTighterThanSerflingAndAboveTheObservedRate() {
        for (int e : new int[] {0, 10, 300, 1000}) {
            double exact = QberBound.HYPERGEOMETRIC.upper(10_000, e, 90_000, 1e-10);
            double serfling = QberBound.SERFLING.upper(10_000, e, 90_000, 1e-10);
            assertTrue(e / 10_000.0 < exact && exact < serfling, e + ": " + exact + " vs " + serfling);
        }
        assertEquals(1, QberBound.SERFLING.upper(0, 0, 10, 0.01));
        assertEquals(1, QberBound.HYPERGEOMETRIC.upper(0, 0, 10, 0.01));
    }

    /**
     * The bounds hold with probability ≥ 1 − ε when a fixed error pattern is sampled without replacement:
     * 4000 samples at ε = 0.05; the exact bound may fail in up to 5% (+3σ), Serfling in fewer.
     */
    @ParameterizedTest
    @EnumSource(QberBound.class)
    void coversTheRemainingErrorRate(QberBound bound) {
        int total = 2_000;
        int sample = 200;
        int totalErrors = 100;
        double eps = 0.05;
        SplittableRandom random = new SplittableRandom(11);
        int failures = 0;
        int trials = 4_000;
        for (int t = 0; t < trials; t++) {
            int[] sampled = Bbm92PostProcessing.sample(total, sample, random);
            int inSample = 0;
            for (int i : sampled) {
                inSample += i < totalErrors ? 1 : 0;
            }
            double rest = (double) (totalErrors - inSample) / (total - sample);
            if (rest > bound.upper(sample, inSample, total - sample, eps)) {
                failures++;
            }
        }
        double allowed = eps + 3 * Math.sqrt(eps * (1 - eps) / trials);
        assertTrue((double) failures / trials <= allowed, bound + " failed " + failures + " of " + trials);
    }

    @Test
    void estimateCarriesPointIntervalAndBound() {
        QberEstimate q = QberEstimate.of(1_000, 30, 9_000, 1e-6, QberBound.HYPERGEOMETRIC, 0.95);
        assertEquals(0.03, q.qber());
        assertTrue(q.clopperPearson().contains(0.03));
        assertTrue(q.upperBound() > q.clopperPearson().high(), "ε = 1e-6 is stricter than 95%");
        assertThrows(IllegalArgumentException.class, () -> QberEstimate.of(10, 11, 5, 0.1, QberBound.SERFLING, 0.95));
        assertThrows(IllegalArgumentException.class, () -> QberBound.SERFLING.upper(10, 1, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> QberBound.SERFLING.upper(10, 1, 0, 0.1));
    }
}
