package org.qnetstack.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.physical.AttemptPlan;

/** What the heralding protocol asks of a link end: plans, axes, device failures and full memory (NORES). */
class AttemptSourceRulesTest {
    private static final CreateRequest TO_BOB = CreateRequest.keep("bob", 2).withPurposeId(7);

    @Test
    void itemsAreServedFromTheirStartSlotUntilSaturatedByPairsAwaitingDecision() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.createQueued(TO_BOB);
        long start = a.leadSlots();
        assertEquals(start, a.source.nextWorkSlot(0));
        assertNull(a.source.planFor(start - 1));
        assertEquals(new AttemptPlan(1, EmbeddedLinkEnd.ALPHA, null), a.source.planFor(start));
        assertEquals(Long.MAX_VALUE, a.source.servedUntil(start));
        assertEquals(true, a.source.moreWorkAfterOneMore(1));
        a.keptHerald(1, 1);
        assertEquals(false, a.source.moreWorkAfterOneMore(1), "one more pair would saturate it");
        a.keptHerald(2, 1);
        assertEquals(-1, a.source.nextWorkSlot(0), "saturated: a decision wakes the protocol");
        assertNull(a.source.planFor(start));
    }

    @Test
    void measureDirectlyAttemptsDrawTheirAxisFromTheBasisChoiceAtThisEnd() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        CreateRequest request = CreateRequest.measure("bob", 2, BasisChoice.randomXz()).withPurposeId(7)
                .withBases(BasisChoice.fixed(MeasurementAxis.Z), BasisChoice.randomXz());
        b.queued(new CreateId("alice", 1), request);
        b.random.thenDoubles(0.25, 0.75); // randomXz: X below ½, Z above
        assertEquals(MeasurementAxis.X, b.source.axisFor(1), "alice's request: bob measures as its remote end");
        assertEquals(MeasurementAxis.Z, b.source.axisFor(1));
        assertEquals(MeasurementAxis.Z, b.source.axisFor(9), "unknown item: whatever is measured is discarded");
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.createQueued(request);
        a.random.thenDoubles(0.25);
        assertEquals(new AttemptPlan(1, EmbeddedLinkEnd.ALPHA, MeasurementAxis.Z), a.source.planFor(a.leadSlots()),
                "alice's own request: its local basis");
        assertEquals(0.25, a.random.nextDouble(), "a fixed basis draws nothing");
    }

    @Test
    void aDeviceFailureEndsTheItemWithCreateOnce() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.createQueued(TO_BOB);
        a.source.onAttemptFailed(1, new IllegalStateException("laser off"));
        a.source.onAttemptFailed(1, new IllegalStateException("laser off"));
        assertEquals(LinkErrorCode.CREATE, a.single(LinkMessages.End.class).code());
        assertEquals(List.of(LinkErrorCode.CREATE), a.drainErrorCodes());
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        CreateRequest toAlice = CreateRequest.keep("alice", 2).withPurposeId(7);
        b.createQueued(toAlice);
        b.source.onAttemptFailed(1, new IllegalStateException("laser off"));
        b.source.onAttemptFailed(1, new IllegalStateException("laser off"));
        assertEquals(LinkErrorCode.CREATE, b.single(LinkMessages.EndRequest.class).code(), "asked once");
    }

    @Test
    void memoryFullForAWholePeriodWithoutAnAttemptEndsAKeepRequestWithNores() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.createQueued(TO_BOB);
        a.advance(a.leadSlots() * a.slotNanos());
        while (a.memory.tryAllocateAny() >= 0) {
            // the upper layer holds every qubit
        }
        a.end.setNoResourceNanos(1_000_000);
        a.source.onNoCommunicationQubit();
        a.attempts = 5; // attempts were made meanwhile: watch another period
        a.advance(1_000_000);
        assertEquals(List.of(), a.undrained());
        a.advance(1_000_000);
        assertEquals(LinkErrorCode.NORES, a.single(LinkMessages.End.class).code());
        assertEquals(List.of(LinkErrorCode.NORES), a.drainErrorCodes());
    }
}
