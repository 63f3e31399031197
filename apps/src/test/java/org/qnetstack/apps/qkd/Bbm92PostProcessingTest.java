package org.qnetstack.apps.qkd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qnetstack.apps.qkd.PostProcessingResult.Outcome;

class Bbm92PostProcessingTest {
    private static final PostProcessingParameters DEFAULTS = PostProcessingParameters.defaults();

    /**
     * 10^5 sifted bits. The final length is the secure-length formula's, both keys are equal, and the key
     * rate stays below the asymptotic 1 − h(Q) − f·h(Q) by the finite-size terms only.
     */
    @ParameterizedTest(name = "QBER {0}")
    @CsvSource({"0.01", "0.03", "0.05"})
    void identicalFinalKeysBelowTheThreshold(double qber) {
        SplittableRandom random = new SplittableRandom(Double.hashCode(qber));
        BitString[] sifted = TestKeys.pair(100_000, qber, random);
        PostProcessingResult r = Bbm92PostProcessing.run(sifted[0], sifted[1], DEFAULTS, random);

        assertEquals(Outcome.KEY, r.outcome(), r.reason());
        assertEquals(r.aliceKey(), r.bobKey());
        assertEquals(r.aliceKey(), r.key());
        SecureLength l = r.secureLength();
        assertNotNull(l);
        assertEquals(l.length(), r.key().length());
        assertEquals(SecureLength.of(r.reconciledBits(), r.qber().upperBound(), r.leakedBits(),
                r.verificationTagBits(), DEFAULTS.epsilonPa()), l);
        assertEquals(10_000, r.qber().sampleBits());
        assertEquals(90_000, r.reconciledBits());
        // The bound sits above the rate of the bits that were kept (known here), within ~6σ of the sample's.
        double keptRate = (sifted[0].xor(sifted[1]).weight() - r.qber().sampleErrors()) / 90_000.0;
        assertTrue(r.qber().upperBound() > keptRate, r.reason());
        assertTrue(r.qber().upperBound() - r.qber().qber() < 0.02, r.reason());
        assertTrue(r.efficiency() > 1.05 && r.efficiency() < 1.25, r.reason());
        double h = SecureLength.of(1, qber, 0, 0, 0.5).eveBound();
        double asymptotic = 1 - h - r.efficiency() * h;
        double rate = (double) r.key().length() / r.reconciledBits();
        assertTrue(rate < asymptotic && rate > asymptotic - 0.1, rate + " vs " + asymptotic);
    }

    @Test
    void interceptResendAbortsEveryTimeWithNoKey() {
        SplittableRandom random = new SplittableRandom(25);
        for (int run = 0; run < 100; run++) {
            BitString[] sifted = TestKeys.pair(4_000, 0.25, random);
            PostProcessingResult r = Bbm92PostProcessing.run(sifted[0], sifted[1], DEFAULTS, random);
            assertEquals(Outcome.ABORTED_QBER, r.outcome(), r.reason());
            assertTrue(r.aborted());
            assertTrue(r.aliceKey().isEmpty() && r.bobKey().isEmpty());
            assertEquals(0, r.leakedBits(), "nothing is disclosed after the abort");
            assertNull(r.secureLength());
            IllegalStateException e = assertThrows(IllegalStateException.class, r::key);
            assertTrue(e.getMessage().contains("exceeds the threshold"), e.getMessage());
        }
    }

    @Test
    void abortsWhenTheFiniteSizeBoundCrossesTheThresholdThoughTheSampleIsBelow() {
        BitString[] sifted = TestKeys.pair(20_000, 0.095, new SplittableRandom(9));
        PostProcessingResult r = Bbm92PostProcessing.run(sifted[0], sifted[1], DEFAULTS, new SplittableRandom(9));
        assertEquals(Outcome.ABORTED_QBER, r.outcome(), r.reason());
        assertTrue(r.qber().qber() < DEFAULTS.qberThreshold());
    }

    /** l ≤ 0 yields no key: 3000 sifted bits at 8% pass the (relaxed) threshold but leave nothing secure. */
    @Test
    void noKeyWhenTheSecureLengthIsNotPositive() {
        SplittableRandom random = new SplittableRandom(10);
        BitString[] sifted = TestKeys.pair(3_000, 0.08, random);
        PostProcessingResult r = Bbm92PostProcessing.run(sifted[0], sifted[1], DEFAULTS.withQberThreshold(0.3), random);
        assertEquals(Outcome.ABORTED_NO_SECURE_KEY, r.outcome(), r.reason());
        SecureLength l = r.secureLength();
        assertNotNull(l);
        assertTrue(l.length() <= 0);
        assertTrue(r.aliceKey().isEmpty() && r.bobKey().isEmpty());
        assertThrows(IllegalStateException.class, r::key);
    }

    @Test
    void noiselessKeysKeepAlmostAllBits() {
        BitString key = BitString.random(50_000, new SplittableRandom(12));
        PostProcessingResult r = Bbm92PostProcessing.run(key, key, DEFAULTS.withBound(QberBound.SERFLING),
                new SplittableRandom(12));
        assertEquals(Outcome.KEY, r.outcome(), r.reason());
        assertEquals(0, r.correctedErrors());
        assertEquals(r.aliceKey(), r.bobKey());
        assertTrue(Double.isNaN(r.efficiency()));
    }

    @Test
    void isDeterministicForAGivenSeed() {
        BitString[] sifted = TestKeys.pair(20_000, 0.02, new SplittableRandom(13));
        PostProcessingResult a = Bbm92PostProcessing.run(sifted[0], sifted[1], DEFAULTS, new SplittableRandom(14));
        PostProcessingResult b = Bbm92PostProcessing.run(sifted[0], sifted[1], DEFAULTS, new SplittableRandom(14));
        assertEquals(a, b);
    }

    @Test
    void rejectsBadInputAndAbortsOnTooFewBits() {
        assertThrows(IllegalArgumentException.class, () -> Bbm92PostProcessing.run(BitString.zeros(10),
                BitString.zeros(11), DEFAULTS, new SplittableRandom(1)));
        PostProcessingResult r = Bbm92PostProcessing.run(BitString.zeros(4), BitString.zeros(4), DEFAULTS,
                new SplittableRandom(1));
        assertEquals(Outcome.ABORTED_NO_SECURE_KEY, r.outcome());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withSampleFraction(1));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withQberThreshold(0.6));
    }
}
