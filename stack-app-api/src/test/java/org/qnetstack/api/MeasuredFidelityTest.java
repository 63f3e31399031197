package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.api.PairQualityTest.assertField;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.GroundTruth;

/**
 * Measured fidelity through the socket on a 3-node generic chain (fixed seed, {@link PairQualityTest#ROOMY} links):
 * the network sacrifices test pairs, never delivers them, and each delivered pair carries the Clopper–Pearson
 * interval of the tests so far, which covers the true mean fidelity (ground truth); verified pairs are withheld
 * until the interval shows the minimum, and refused when the tests cannot show it.
 */
class MeasuredFidelityTest {
    /** What a run gave: the delivered pairs' true fidelities and the tail's pairs' estimates, or the refusal. */
    record Run(List<Double> truths, List<FidelityEstimate> atTail, List<FidelityEstimate> atHead,
               EprException refusal) {
        double meanTruth() {
            return truths.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
    }

    static Run run(PairQuality quality, int pairs) {
        return run(PairQualityTest.ROOMY, quality, pairs);
    }

    static Run run(Map<String, Object> overrides, PairQuality quality, int pairs) {
        List<Double> truths = new ArrayList<>();
        List<FidelityEstimate> atTail = new ArrayList<>();
        List<FidelityEstimate> atHead = new ArrayList<>();
        EprException[] refused = {null};
        try (SimulatedNetwork net = SimulatedNetwork.of(RepeaterChainTest.chain(3, "generic", overrides))) {
            GroundTruth truth = net.groundTruth();
            List<EprPair> held = new ArrayList<>();
            net.run("n0", node -> {
                EprSocket socket = node.eprSocket("n2").with(quality);
                for (int i = 0; i < pairs; i++) {
                    try {
                        held.add(socket.createKeep().block());
                    } catch (EprException e) {
                        refused[0] = e;
                        node.classicalSocket("n2").send("refused").block();
                        return;
                    }
                    atHead.add(held.get(i).estimate());
                    node.classicalSocket("n2").send("have it").block();
                    node.classicalSocket("n2").recv().block();
                    held.get(i).qubit().release();
                }
            });
            net.run("n2", node -> {
                EprSocket socket = node.eprSocket("n0");
                for (int i = 0; i < pairs; i++) {
                    if (node.classicalSocket("n0").recv().block().equals("refused")) {
                        return;
                    }
                    EprPair mine = socket.recvKeep().block();
                    EprPair theirs = held.get(i);
                    assertEquals(theirs.id(), mine.id(), "the ends deliver the same pair (no test pair among them)");
                    truths.add(truth.bellFidelity(theirs.qubit().address(), mine.qubit().address(), mine.bellIndex()));
                    atTail.add(mine.estimate());
                    mine.qubit().release();
                    node.classicalSocket("n0").send("read").block();
                }
            });
            net.awaitCompletion();
        }
        return new Run(truths, atTail, atHead, refused[0]);
    }

    @Test
    void deliveredPairsCarryAnIntervalCoveringTheTrueMean() {
        Run r = run(PairQuality.atLeast(0.7).withTestFraction(0.5), 40);
        assertNull(r.refusal());
        assertEquals(40, r.truths().size());
        FidelityEstimate last = r.atTail().get(r.atTail().size() - 1);
        // About as many tests as delivered pairs (fraction ½): 40 ± 3σ of a negative binomial count.
        assertTrue(last.samples() >= 20 && last.samples() <= 70, "tests counted: " + last);
        assertEquals(0.95, last.confidence());
        double mean = r.meanTruth();
        assertTrue(last.measuredLow() <= mean && mean <= last.measuredHigh(), "the measured interval " + last
                + " covers the true mean " + mean);
        assertTrue(last.model() > 0.7, "the model's estimate is kept beside it: " + last);
        // Both ends count the same tests: the head's figures at its delivery are the tail's, or one test behind.
        FidelityEstimate head = r.atHead().get(r.atHead().size() - 1);
        assertTrue(Math.abs(head.samples() - last.samples()) <= 1, head + " vs " + last);
        // The counts only grow.
        for (int i = 1; i < r.atTail().size(); i++) {
            assertTrue(r.atTail().get(i).samples() >= r.atTail().get(i - 1).samples());
        }
    }

    @Test
    void withoutTestsPairsCarryTheModelAlone() {
        Run r = run(PairQuality.atLeast(0.7), 3);
        assertNull(r.refusal());
        r.atTail().forEach(e -> assertEquals(FidelityEstimate.modelOnly(e.model()), e));
    }

    /** Withheld until the lower bound reaches 0.5; then the tests go on at the fraction asked. */
    @Test
    void verifiedPairsComeOnceTheLowerBoundReachesTheMinimum() {
        Run r = run(PairQuality.atLeast(0.5).verified(0.95).withMaxTestPairs(600), 5);
        assertNull(r.refusal());
        FidelityEstimate first = r.atTail().get(0);
        assertTrue(first.measuredLow() >= 0.5, "the first pair delivered is verified: " + first);
        double mean = r.meanTruth();
        assertTrue(first.measuredLow() <= mean && mean <= first.measuredHigh(), first + " covers " + mean);
    }

    /**
     * The chain's pairs are about 0.75 true: a verification of 0.72 cannot show it in 30 tests (their lower bound
     * stays far below), so the request is refused with the measured figures once the budget is spent.
     */
    @Test
    void verificationTheTestsCannotShowIsRefused() {
        Run r = run(PairQuality.atLeast(0.72).verified(0.95).withMaxTestPairs(30), 3);
        assertNotNull(r.refusal(), "refused");
        assertEquals(0, r.truths().size(), "no pair delivered");
        assertEquals(EprErrorCode.REFUSED, r.refusal().code());
        RefusalReason reason = r.refusal().refusal().orElseThrow();
        assertEquals(RefusalReason.Figure.MEASURED_FIDELITY, reason.figure());
        assertEquals(RefusalReason.Scope.PATH, reason.scope());
        assertEquals("n0-n1-n2", reason.where());
        assertEquals(0.72, reason.asked());
        assertTrue(reason.achievable() > 0.72, "the tests could not rule it out either: " + reason);
    }

    /**
     * Repeaters whose two-qubit gates depolarise half the time: the network's model (perfect gates) admits F ≥ 0.7,
     * but the pairs are far worse, and the tests show it (upper bound below the minimum) before any pair.
     */
    @Test
    void verificationOnAChainTooPoorIsRefusedByTheUpperBound() {
        Map<String, Object> noisyGates = new HashMap<>(PairQualityTest.ROOMY);
        noisyGates.put("twoQubitGateError", 0.5);
        Run r = run(noisyGates, PairQuality.atLeast(0.7).verified(0.95), 3);
        assertNotNull(r.refusal(), "refused");
        assertEquals(0, r.truths().size(), "no pair delivered");
        RefusalReason reason = r.refusal().refusal().orElseThrow();
        assertEquals(RefusalReason.Figure.MEASURED_FIDELITY, reason.figure());
        assertTrue(reason.achievable() < 0.7, "the measured upper bound is below the minimum: " + reason);
        assertTrue(r.refusal().getMessage().contains("wholly below"), r.refusal().getMessage());
    }

    @Test
    void badTestOptionsNameTheirField() {
        assertField("testFraction", () -> PairQuality.atLeast(0.8).withTestFraction(1));
        assertField("testFraction", () -> PairQuality.atLeast(0.8).withTestFraction(Double.NaN));
        assertField("confidence", () -> PairQuality.atLeast(0.8).verified(1));
        assertField("confidence", () -> PairQuality.atLeast(0.8).withConfidence(0));
        assertField("maxTestPairs", () -> PairQuality.atLeast(0.8).withMaxTestPairs(0));
        assertField("verified", () -> PairQuality.DEFAULT.verified(0.95));
        assertField("measured", () -> new FidelityEstimate(0.9, 0.8, 0.7, 0.95, 3));
        assertEquals(false, PairQuality.atLeast(0.8).tested(), "no tests unless asked");
        assertEquals(PairQuality.atLeast(0.8), PairQuality.atLeast(0.8).withTestFraction(0));
    }
}
