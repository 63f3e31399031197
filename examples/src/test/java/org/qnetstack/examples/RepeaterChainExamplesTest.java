package org.qnetstack.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.api.config.NetworkConfig;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;

/**
 * The examples across a repeater chain (alice – repeater – bob, generic Werner links of F = 0.95, memories
 * that keep their state): end to end w = w₁·w₂, so F = 0.9033 and the BBM92 QBER is (1 − w²)/2 = 6.44%.
 */
class RepeaterChainExamplesTest {
    static final String CHAIN = "classpath:networks/chain-generic.yaml";
    private static final double W = (4 * 0.95 - 1) / 3;

    /**
     * Enough pairs (50,000: ~25,000 sifted, a 2,500-bit sample) for the finite-size bound to leave a key at
     * 6.4%. Checked: identical keys; the final length is the secure-length formula l = ⌊n(1 − h(Q_up)) −
     * leak − t − 2·log2(1/ε_PA)⌋ recomputed from the run's terms; the QBER over all sifted bits is the swap
     * formula's within 3σ (σ = √(Q(1−Q)/N)); and the key fraction l/n is within 3σ + 1/n of
     * 1 − h(Q_up) − f·h(Q) − (t + 2·log2(1/ε_PA))/n at the predicted Q, with f = leaked/(n·h(Q_c)) Cascade's
     * measured efficiency and σ from the sample's and the reconciled bits' binomial spread
     * ({@link QkdExample.KeyFraction}); 1/n for the floor.
     */
    @Test
    void qkdOverTheChainGivesIdenticalKeysAtTheSecureLengthTheSwappedQberPredicts() {
        QkdExample.Result r = QkdExample.run(new ExampleOptions(1L, CHAIN, false, 50_000));
        assertIdenticalKeysAtTheSwappedQber(r);
        double p = r.predictedQber();
        double tolerance = 3 * r.keyFractionSigma() + 1.0 / r.reconciledBits();
        assertEquals(r.expectedKeyFraction(), r.keyFraction(), tolerance,
                "l/n against 1 − h(Q_up) − f·h(Q) − (t + 2 log2(1/ε))/n, f = " + r.cascadeEfficiency());
        // The finite-size terms only take away from 1 − (1 + f)·h(Q).
        assertTrue(r.keyFraction() < r.asymptoticKeyFraction());
        assertEquals(1 - (1 + r.cascadeEfficiency()) * Statistics.binaryEntropy(p), r.asymptoticKeyFraction(), 1e-12);
    }

    /**
     * The same run with measure-directly pairs: each end's network layer measures its half as soon as it
     * arrives and the outcome comes with the swap's Bell index. The same pairs in the same order at both ends,
     * the swapped QBER within 3σ, identical keys. 70,000 pairs (a ~3,500-bit sample): at 50,000 the bound sits
     * about 4 points above the sample's QBER, so a sample 1.3σ above 6.44% already aborts at 11% (seed 1 does);
     * at 70,000 an abort needs a sample 2.9σ above it.
     */
    @Test
    void qkdOverTheChainWithMeasureDirectlyPairsGivesIdenticalKeys() {
        assertIdenticalKeysAtTheSwappedQber(
                QkdExample.runWithKeys(new ExampleOptions(1L, CHAIN, false, 70_000), true).result());
    }

    /**
     * Over the chain: the same pairs at both ends, the swap formula's QBER predicted and measured over every
     * sifted bit within 3σ, and identical keys of the secure length.
     */
    private static void assertIdenticalKeysAtTheSwappedQber(QkdExample.Result r) {
        assertEquals("alice-repeater-bob", r.path());
        assertEquals(0, r.idMismatches());
        assertEquals((1 - W * W) / 2, r.predictedQber(), 1e-12, "the swap formula's QBER");
        double q = (double) r.siftedErrors() / r.siftedBits();
        double p = r.predictedQber();
        assertEquals(p, q, 3 * Math.sqrt(p * (1 - p) / r.siftedBits()), "QBER over " + r.siftedBits() + " bits");

        assertEquals("KEY", r.outcome(), r.abortReason());
        assertTrue(r.keysIdentical());
        assertTrue(r.finalKeyBits() > 0);
        assertEquals(r.secureLengthFormula(), r.finalKeyBits(), "the secure-length formula, recomputed");
    }

    /**
     * Eve intercepts and resends on the chain's first link. Each run aborts on the QBER with no key; her
     * errors, not the finite size, are why: every run's QBER over all its sifted bits (~500) is above the 11%
     * where 1 − 2h(Q) reaches zero, and the pooled QBER is 1/4 + Q₀/2 within 3σ (σ from all sifted bits).
     */
    @Test
    void anInterceptResendEavesdropperOnOneLinkOfTheChainMakesEveryRunAbort() {
        EavesdropExample.Result r = EavesdropExample.run(new ExampleOptions(100L, CHAIN, false, 1000), 100);
        assertEquals("alice-repeater", r.eavesdroppedLink());
        assertEquals(100, r.abortedWithEve());
        assertEquals(0, r.keysWithEve());
        assertTrue(r.lowestQberWithEve() > 0.11, "lowest QBER of a run " + r.lowestQberWithEve());
        double p = 0.25 + (1 - W * W) / 4;
        assertEquals(p, r.predictedQberWithEve(), 1e-12);
        assertEquals(p, r.meanQberWithEve(), 3 * Math.sqrt(p * (1 - p) / r.siftedBitsWithEve()));
    }

    /**
     * Werner pairs teleport every state with the same fidelity (2F+1)/3, and with memories that keep their
     * state the end-to-end pairs are exactly the swap formula's: both figures to rounding.
     */
    @Test
    void teleportationAcrossTheChainReachesTwoFPlusOneOverThreeAtTheSwappedFidelity() {
        TeleportExample.Result r = TeleportExample.run(new ExampleOptions(2L, CHAIN, false, 100));
        double f = (3 * W * W + 1) / 4;
        assertEquals("alice-repeater-bob", r.path());
        assertEquals(f, r.pairFidelityModel(), 1e-12);
        assertEquals(f, r.pairFidelity(), 1e-9, "the pairs' true fidelity");
        assertEquals((2 * f + 1) / 3, r.predictedFromModel(), 1e-12);
        assertEquals(r.predictedFromModel(), r.meanFidelity(), 1e-9);
    }

    @Test
    void theExamplesRunBetweenTheEndsOfAChainAndElseOverTheFirstLink() {
        assertEquals(List.of("alice", "repeater", "bob"), ExampleOptions.chain(
                NetworkConfig.fromResource("networks/chain-generic.yaml")));
        assertEquals(List.of("alice", "bob"), ExampleOptions.chain(
                NetworkConfig.fromResource("networks/two-nodes-nv.yaml")));
        // A star of three is a chain through its hub.
        assertEquals(List.of("bob", "alice", "carol"), ExampleOptions.chain(
                NetworkConfig.fromResource("networks/three-nodes-ideal.yaml")));
        // A star of four is not: the first link's ends.
        assertEquals(List.of("hub", "a"), ExampleOptions.chain(network(List.of("hub", "a", "b", "c"),
                List.of("hub", "a"), List.of("hub", "b"), List.of("hub", "c"))));
        // A chain declared out of order still runs end to end.
        assertEquals(List.of("a", "b", "c", "d"), ExampleOptions.chain(network(List.of("a", "b", "c", "d"),
                List.of("b", "c"), List.of("c", "d"), List.of("a", "b"))));
    }

    @SafeVarargs
    private static PlatformSpec network(List<String> nodes, List<String>... links) {
        return new PlatformSpec(1, nodes.stream().map(n -> new NodeSpec(n, "ideal", Map.of(), 0)).toList(),
                java.util.Arrays.stream(links).map(l -> new LinkSpec(l.get(0) + "-" + l.get(1), l.get(0), l.get(1), 1,
                        HeraldingScheme.SINGLE_CLICK, new StationSpec(l.get(0) + "-" + l.get(1) + "-station",
                                StationSpec.SIMULATED_DETECTORS), Map.of())).toList());
    }
}
