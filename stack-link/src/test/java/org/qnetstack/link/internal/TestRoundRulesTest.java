package org.qnetstack.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.ALPHA;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.LINK;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.decision;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.hold;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.FidelityEstimate;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.physical.HeraldedPair;

/** Test rounds: which pairs the master sacrifices, how both ends measure them, and what the counts end. */
class TestRoundRulesTest {
    private static final CreateRequest KEEP_TESTED = CreateRequest.keep("bob", 3).withPurposeId(7)
            .withTestFraction(0.5);
    private static final CreateRequest MEASURE_TESTED = CreateRequest.measure("bob", 3, BasisChoice.fixed(Basis.Z))
            .withPurposeId(7).withTestFraction(0.5);

    private static EmbeddedLinkEnd masterServing(CreateRequest request) {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.createQueued(request);
        return a;
    }

    @Test
    void aKeptPairDrawnForATestIsMeasuredInTheDrawnBasisAndCountsOnceTheOtherOutcomeComes() {
        EmbeddedLinkEnd a = masterServing(KEEP_TESTED);
        a.random.thenDoubles(0.25).thenInts(1); // below the fraction: a test, in basis X
        a.device.thenMeasure(1);
        HeraldedPair pair = a.keptHerald(1, 1);
        a.receive(hold(1, 1));
        LinkMessages.Decision d = a.single(LinkMessages.Decision.class);
        assertEquals(LinkMessages.Verdict.TEST, d.verdict());
        assertEquals(Basis.X, d.testBasis());
        assertEquals(List.of("measure " + pair.qubit() + " X", "discard " + pair.qubit()), a.device.log);
        assertEquals(1, a.end.tested());
        assertEquals(List.of(), a.pairs);
        assertEquals(1, a.end.retained().get("pendingTests"));
        assertEquals(0, a.end.fidelityEstimate(ALPHA).testRounds(), "counted once both outcomes are known");
        a.receive(new LinkMessages.TestOutcome(LINK, 1, 1)); // Ψ− in X: outcomes differ, so equal ones are an error
        FidelityEstimate e = a.end.fidelityEstimate(ALPHA);
        assertEquals(1, e.testRounds());
        assertEquals(1, e.errors());
        assertEquals(0, a.end.retained().get("pendingTests"));
    }

    @Test
    void aDrawAtOrAboveTheFractionDeliversThePair() {
        EmbeddedLinkEnd a = masterServing(KEEP_TESTED);
        a.random.thenDoubles(0.5);
        a.keptHerald(1, 1);
        a.receive(hold(1, 1));
        assertEquals(LinkMessages.Verdict.DELIVER, a.single(LinkMessages.Decision.class).verdict());
        assertEquals(1, a.pairs.size());
        assertEquals(0, a.end.tested());
    }

    @Test
    void outcomesForNoPendingTestAreRejectedAndCounted() {
        EmbeddedLinkEnd a = masterServing(KEEP_TESTED);
        a.receive(new LinkMessages.TestOutcome(LINK, 4, 0)); // no such test round
        a.random.thenDoubles(0.25).thenInts(0);
        a.keptHerald(1, 1);
        a.receive(hold(1, 1));
        a.receive(new LinkMessages.TestOutcome(LINK, 1, 2)); // no such outcome: the round is lost
        a.receive(new LinkMessages.TestOutcome(LINK, 1, 0)); // too late
        assertEquals(3, a.end.rejectedMessages());
        assertEquals(0, a.end.fidelityEstimate(ALPHA).testRounds());
    }

    @Test
    void aTestPairWhoseOtherOutcomeNeverComesIsForgottenAfterTheRetention() {
        EmbeddedLinkEnd a = masterServing(KEEP_TESTED);
        a.random.thenDoubles(0.25).thenInts(0);
        a.keptHerald(1, 1);
        a.receive(hold(1, 1));
        assertEquals(1, a.end.retained().get("pendingTests"));
        a.advance(a.end.retentionNanos());
        assertEquals(0, a.end.retained().get("pendingTests"));
        a.receive(new LinkMessages.TestOutcome(LINK, 1, 0));
        assertEquals(1, a.end.rejectedMessages());
    }

    @Test
    void theOtherEndMeasuresItsHalfInTheMastersBasisAndSendsItsOutcomeOnce() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        CreateRequest fromAlice = CreateRequest.keep("bob", 2).withPurposeId(7).withTestFraction(0.5);
        b.queued(new CreateId("alice", 1), fromAlice);
        b.device.thenMeasure(1);
        HeraldedPair pair = b.keptHerald(1, 1);
        b.drain(LinkMessages.Hold.class);
        b.receive(decision(1, LinkMessages.Verdict.TEST, Basis.Y));
        assertEquals(new LinkMessages.TestOutcome(LINK, 1, 1), b.single(LinkMessages.TestOutcome.class));
        assertEquals(List.of("measure " + pair.qubit() + " Y", "discard " + pair.qubit()), b.device.log);
        assertEquals(1, b.end.tested());
        assertEquals(List.of(), b.pairs);
        b.advance(100 * b.rtoNanos());
        assertEquals(List.of(), b.undrained(), "not sent again: a lost outcome costs one sample");
    }

    @Test
    void aMeasureDirectlyPairIsATestOnlyWhenBothEndsMeasuredAlongTheSameAxis() {
        EmbeddedLinkEnd a = masterServing(MEASURE_TESTED);
        a.random.thenDoubles(0.25, 0.25);
        a.measuredHerald(1, 1, MeasurementAxis.Z, 0);
        a.receive(new LinkMessages.Hold(LINK, 1, 1, 1, MeasurementAxis.X, 1));
        assertEquals(LinkMessages.Verdict.DELIVER, a.single(LinkMessages.Decision.class).verdict(),
                "different axes: no test");
        a.measuredHerald(2, 1, MeasurementAxis.Z, 0);
        a.receive(new LinkMessages.Hold(LINK, 2, 1, 2, MeasurementAxis.Z, 1));
        LinkMessages.Decision d = a.single(LinkMessages.Decision.class);
        assertEquals(LinkMessages.Verdict.TEST, d.verdict());
        assertEquals(null, d.testBasis(), "both outcomes are known: nothing more to measure");
        FidelityEstimate e = a.end.fidelityEstimate(ALPHA);
        assertEquals(1, e.testRounds());
        assertEquals(0, e.errors(), "Ψ+ in Z: outcomes differ");
        assertEquals(1, a.end.tested());
        assertEquals(1, a.pairs.size());
    }

    @Test
    void roundsShowingTheLinkBelowARequestsMinimumEndItWithUnsupp() {
        CreateRequest demanding = MEASURE_TESTED.withMinFidelity(0.999);
        EmbeddedLinkEnd a = masterServing(demanding);
        a.random.thenDoubles(0.25);
        a.measuredHerald(1, 1, MeasurementAxis.Z, 0);
        a.receive(new LinkMessages.Hold(LINK, 1, 1, 1, MeasurementAxis.Z, 0)); // Ψ+ in Z, equal: an error
        FidelityEstimate e = a.end.fidelityEstimate(ALPHA);
        assertEquals(1, e.errors());
        assertTrue(e.upper() < 0.999, "one error in one round already bounds the fidelity below 0.999: " + e);
        assertEquals(LinkErrorCode.UNSUPP, a.single(LinkMessages.End.class).code());
        assertEquals(List.of(LinkErrorCode.UNSUPP), a.drainErrorCodes());
        assertEquals(0, a.end.retained().get("queue"));
    }
}
