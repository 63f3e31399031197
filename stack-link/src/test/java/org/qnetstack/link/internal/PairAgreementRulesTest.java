package org.qnetstack.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.LINK;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.decision;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.hold;
import static org.qnetstack.link.internal.LinkMessages.Verdict.DELIVER;
import static org.qnetstack.link.internal.LinkMessages.Verdict.DISCARD;
import static org.qnetstack.link.internal.LinkMessages.Verdict.EXPIRE;
import static org.qnetstack.link.internal.LinkMessages.Verdict.TEST;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkPair;
import org.qnetstack.physical.HeraldedPair;

/** The HOLD / NOT_HELD / DECISION agreement on each heralded pair, one end at a time ({@link EmbeddedLinkEnd}). */
class PairAgreementRulesTest {
    private static final CreateRequest TO_BOB = CreateRequest.keep("bob", 2).withPurposeId(7);
    private static final CreateRequest TO_ALICE = CreateRequest.keep("alice", 2).withPurposeId(7);
    private static final CreateId ALICES = new CreateId("alice", 1);

    /** The master with its own keep request for two pairs queued as item 1. */
    private static EmbeddedLinkEnd masterServing(CreateRequest request) {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.createQueued(request);
        return a;
    }

    /** The other end with the master's keep request for two pairs queued as item 1. */
    private static EmbeddedLinkEnd otherServing(CreateRequest request) {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        b.queued(ALICES, request);
        return b;
    }

    /** The master's decision on a herald it holds: with the goodness of the test rounds' estimate. */
    private static LinkMessages.Decision decided(EmbeddedLinkEnd a, long seq, LinkMessages.Verdict verdict) {
        return new LinkMessages.Decision(LINK, seq, verdict, null,
                a.end.fidelityEstimate(EmbeddedLinkEnd.ALPHA).goodness());
    }

    /** The master's decision on a herald it does not hold: goodness 0. */
    private static LinkMessages.Decision unheld(long seq) {
        return new LinkMessages.Decision(LINK, seq, EXPIRE, null, 0);
    }

    @Test
    void aHeraldHeldAtBothEndsIsDeliveredWithTheMastersGoodness() {
        EmbeddedLinkEnd a = masterServing(TO_BOB);
        HeraldedPair pair = a.keptHerald(1, 1);
        assertEquals(List.of(), a.undrained(), "the master waits for the other end's HOLD");
        a.receive(hold(1, 1));
        assertEquals(decided(a, 1, DELIVER), a.single(LinkMessages.Decision.class));
        assertEquals(1, a.pairs.size());
        LinkPair p = a.pairs.get(0);
        assertEquals(new EntanglementId("alice", "bob", 1), p.entanglementId());
        assertEquals(pair.qubit(), p.qubit());
        assertEquals(a.end.fidelityEstimate(EmbeddedLinkEnd.ALPHA).goodness(), p.goodness());
        assertEquals(1, a.memory.inUse(), "the qubit is the upper layer's now");
        assertEquals(0, a.end.heldPairs());
    }

    @Test
    void aHoldBeforeTheMastersOwnHeraldWaitsForIt() {
        EmbeddedLinkEnd a = masterServing(TO_BOB);
        a.receive(hold(1, 1));
        assertEquals(List.of(), a.undrained());
        assertEquals(1, a.end.retained().get("peerHolds"));
        a.keptHerald(1, 1);
        assertEquals(decided(a, 1, DELIVER), a.single(LinkMessages.Decision.class));
        assertEquals(0, a.end.retained().get("peerHolds"));
    }

    @Test
    void aHoldForAHeraldSettledHereWithoutAPairExpires() {
        EmbeddedLinkEnd a = masterServing(TO_BOB);
        a.heraldsLost(1, 3);
        a.receive(hold(2, 1));
        assertEquals(unheld(2), a.single(LinkMessages.Decision.class));
        a.receive(hold(2, 1));
        assertEquals(unheld(2), a.single(LinkMessages.Decision.class), "copies get the same decision");
        assertEquals(List.of(), a.errors, "nothing held here, so nothing to report here");
    }

    @Test
    void aHoldForAHeraldStillMovingToStorageWaitsAgainUntilItIsSettled() {
        EmbeddedLinkEnd a = masterServing(TO_BOB);
        a.receive(hold(5, 1));
        a.takenInThrough(5);
        a.advance(2 * a.ctx.confirmWaitNanos);
        assertEquals(List.of(), a.undrained(), "taken in here: its hand-up is close");
        assertEquals(1, a.end.retained().get("peerHolds"));
        a.heraldsLost(5, 5); // rejected here after all
        assertEquals(unheld(5), a.single(LinkMessages.Decision.class));
        assertEquals(0, a.end.retained().get("peerHolds"));
    }

    @Test
    void aHoldWhoseHeraldNeverComesExpiresAfterTheConfirmationWaitAndTheLateHeraldIsReleased() {
        EmbeddedLinkEnd a = masterServing(TO_BOB);
        a.receive(hold(5, 1));
        a.advance(a.ctx.confirmWaitNanos);
        assertEquals(unheld(5), a.single(LinkMessages.Decision.class));
        a.keptHerald(5, 1);
        assertEquals(List.of(), a.pairs);
        assertEquals(0, a.memory.inUse(), "the late herald's qubit is released");
        assertEquals(0, a.end.heldPairs());
        assertEquals(List.of(), a.undrained(), "the decision stands");
    }

    @Test
    void aHeraldTheOtherEndNeverHoldsExpiresAndIsReportedHere() {
        EmbeddedLinkEnd a = masterServing(TO_BOB);
        HeraldedPair pair = a.keptHerald(1, 1);
        a.advance(a.ctx.confirmWaitNanos - 1);
        assertEquals(List.of(), a.undrained());
        a.advance(1);
        assertEquals(decided(a, 1, EXPIRE), a.single(LinkMessages.Decision.class));
        assertEquals(1, a.errors.size());
        assertEquals(LinkErrorCode.EXPIRE, a.errors.get(0).code());
        assertEquals(1, a.errors.get(0).fromSeq());
        assertEquals(1, a.errors.get(0).toSeq());
        assertEquals(1, a.end.expired());
        assertEquals(0, a.memory.inUse());
        assertEquals(List.of("discard " + pair.qubit()), a.device.log);
        assertEquals(1, a.end.retained().get("queue"), "the request goes on");
    }

    @Test
    void notHeldExpiresTheHeraldsItNames() {
        EmbeddedLinkEnd a = masterServing(TO_BOB);
        a.keptHerald(1, 1);
        a.keptHerald(2, 1);
        a.receive(new LinkMessages.NotHeld(LINK, 1, 2));
        assertEquals(List.of(decided(a, 1, EXPIRE), decided(a, 2, EXPIRE)), a.drain(LinkMessages.Decision.class));
        assertEquals(List.of(LinkErrorCode.EXPIRE, LinkErrorCode.EXPIRE), a.drainErrorCodes());
        assertEquals(2, a.end.expired());
        assertEquals(0, a.memory.inUse());
    }

    @Test
    void aPairTheRequestNoLongerWantsIsDiscardedAtBothEnds() {
        EmbeddedLinkEnd a = masterServing(CreateRequest.keep("bob", 1).withPurposeId(7));
        a.keptHerald(1, 1);
        a.keptHerald(2, 1);
        a.receive(hold(1, 1));
        a.receive(hold(2, 1));
        assertEquals(List.of(decided(a, 1, DELIVER), decided(a, 2, DISCARD)), a.drain(LinkMessages.Decision.class));
        assertEquals(1, a.pairs.size());
        assertEquals(1, a.end.discarded());
        assertEquals(1, a.memory.inUse(), "the discarded pair's qubit is released");
        assertEquals(List.of(), a.errors, "released silently");
    }

    @Test
    void aHeraldForAnItemUnknownHereIsReleasedAndDeclaredNotHeld() {
        EmbeddedLinkEnd b = otherServing(TO_ALICE);
        b.keptHerald(3, 9);
        assertEquals(new LinkMessages.NotHeld(LINK, 3, 3), b.single(LinkMessages.NotHeld.class));
        assertEquals(0, b.memory.inUse());
        assertEquals(0, b.end.heldPairs());
        b.heraldsLost(4, 6);
        assertEquals(new LinkMessages.NotHeld(LINK, 4, 6), b.single(LinkMessages.NotHeld.class));
    }

    @Test
    void theOtherEndHoldsUntilTheDecisionComesThenHandsThePairUp() {
        EmbeddedLinkEnd b = otherServing(TO_ALICE);
        HeraldedPair pair = b.keptHerald(1, 1);
        LinkMessages.Hold hold = b.single(LinkMessages.Hold.class);
        assertEquals(new LinkMessages.Hold(LINK, 1, 1, 1, null, -1), hold);
        b.advance(b.rtoNanos());
        assertEquals(hold, b.single(LinkMessages.Hold.class), "sent again until the decision comes");
        b.receive(decision(1, DELIVER, null));
        b.advance(100 * b.rtoNanos());
        assertEquals(List.of(), b.undrained());
        assertEquals(1, b.pairs.size());
        assertEquals(new EntanglementId("alice", "bob", 1), b.pairs.get(0).entanglementId());
        assertEquals(0.9, b.pairs.get(0).goodness(), "the master's goodness");
        assertEquals(pair.qubit(), b.pairs.get(0).qubit());
        b.receive(decision(1, EXPIRE, null));
        assertEquals(1, b.pairs.size(), "a decision is final: a later one changes nothing");
        assertEquals(List.of(), b.errors);
        assertEquals(0, b.end.rejectedMessages());
    }

    @Test
    void pairsAreHandedUpInStationSequenceOrderOnceDecided() {
        EmbeddedLinkEnd b = otherServing(TO_ALICE);
        b.keptHerald(1, 1);
        b.keptHerald(2, 1);
        List<LinkMessages.Hold> holds = b.drain(LinkMessages.Hold.class);
        assertEquals(1, holds.get(1).undecidedFrom(), "herald 1 is still undecided here");
        b.receive(decision(2, DELIVER, null));
        assertEquals(List.of(), b.pairs, "herald 1 comes first");
        b.receive(decision(1, DELIVER, null));
        assertEquals(List.of(1L, 2L), b.pairs.stream().map(p -> p.entanglementId().sequence()).toList());
    }

    @Test
    void aDecisionAboutAHeraldNotHeldHereIsTakenForALateCopyAndChangesNothing() {
        EmbeddedLinkEnd b = otherServing(TO_ALICE);
        b.receive(decision(7, DELIVER, null));
        assertEquals(List.of(), b.undrained());
        assertEquals(List.of(), b.pairs);
        assertEquals(0, b.end.rejectedMessages(), "the master answers every copy of a HOLD: copies are normal");
    }

    @Test
    void aTestDecisionForAKeptPairWithoutABasisIsRejectedAndCounted() {
        EmbeddedLinkEnd b = otherServing(TO_ALICE);
        b.keptHerald(1, 1);
        b.drain(LinkMessages.Hold.class);
        b.receive(decision(1, TEST, null));
        assertEquals(1, b.end.rejectedMessages());
        assertEquals(1, b.end.heldPairs(), "still waiting for a decision that makes sense");
        b.advance(b.rtoNanos());
        assertEquals(1, b.drain(LinkMessages.Hold.class).size());
    }

    @Test
    void aHoldNeverDecidedIsGivenUpWithExpire() {
        EmbeddedLinkEnd b = otherServing(TO_ALICE);
        b.keptHerald(1, 1);
        b.advance(b.ctx.giveUpNanos + 16 * b.rtoNanos());
        assertEquals(List.of(LinkErrorCode.EXPIRE), b.drainErrorCodes());
        assertEquals(1, b.end.expired());
        assertEquals(0, b.memory.inUse());
    }

    @Test
    void anAtomicRequestHandsUpItsPairsOnlyOnceAllAreMade() {
        EmbeddedLinkEnd b = otherServing(TO_ALICE.withAtomic(true));
        b.keptHerald(1, 1);
        b.receive(decision(1, DELIVER, null));
        assertEquals(List.of(), b.pairs);
        b.keptHerald(2, 1);
        b.receive(decision(2, DELIVER, null));
        assertEquals(2, b.pairs.size());
    }

    @Test
    void aPairNobodyTakesIsReleasedAndAListenerThatThrowsEndsTheRequest() {
        EmbeddedLinkEnd a = masterServing(CreateRequest.keep("bob", 3).withPurposeId(7));
        a.delivery = DefaultLinkService.Delivery.NO_LISTENER;
        a.keptHerald(1, 1);
        a.receive(hold(1, 1));
        assertEquals(0, a.memory.inUse());
        assertEquals(1, a.end.retained().get("queue"), "the request goes on");
        a.delivery = DefaultLinkService.Delivery.FAILED;
        a.keptHerald(2, 1);
        a.receive(hold(2, 1));
        a.drain(LinkMessages.Decision.class);
        assertEquals(LinkErrorCode.OTHER, a.single(LinkMessages.End.class).code());
        assertEquals(List.of(LinkErrorCode.OTHER), a.drainErrorCodes());
        assertEquals(0, a.memory.inUse());
        EmbeddedLinkEnd b = otherServing(TO_ALICE);
        b.delivery = DefaultLinkService.Delivery.FAILED;
        b.keptHerald(1, 1);
        b.receive(decision(1, DELIVER, null));
        b.keptHerald(2, 1);
        b.receive(decision(2, DELIVER, null));
        assertEquals(LinkErrorCode.OTHER, b.single(LinkMessages.EndRequest.class).code(), "asked once");
    }
}
