package org.qnetstack.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.LINK;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.add;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.addRequest;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.hold;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkErrorCode;

/** The distributed queue's END rules, one end at a time ({@link EmbeddedLinkEnd}). */
class QueueEndRulesTest {
    private static final CreateRequest TO_BOB = CreateRequest.keep("bob", 2).withPurposeId(7);
    private static final CreateRequest TO_ALICE = CreateRequest.keep("alice", 2).withPurposeId(7);
    private static final CreateId BOBS = new CreateId("bob", 1);
    private static final CreateId ALICES = new CreateId("alice", 1);

    private static LinkMessages.End cancelledAtAlice(CreateId id) {
        return new LinkMessages.End(LINK, id, 7, LinkErrorCode.CANCELLED, "cancelled at alice");
    }

    private static LinkMessages.EndRequest cancelledAtBob(CreateId id) {
        return new LinkMessages.EndRequest(LINK, id, 7, LinkErrorCode.CANCELLED, "cancelled at bob");
    }

    @Test
    void theMasterCancelsItsOwnRequestAndSendsTheEndUntilAcknowledged() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        CreateId id = a.createQueued(TO_BOB);
        assertTrue(a.end.cancel(id));
        assertEquals(cancelledAtAlice(id), a.single(LinkMessages.End.class));
        assertEquals(List.of(LinkErrorCode.CANCELLED), a.drainErrorCodes(), "no pair held: reported at once");
        a.advance(a.rtoNanos());
        assertEquals(cancelledAtAlice(id), a.single(LinkMessages.End.class));
        a.receive(new LinkMessages.EndAck(LINK, id));
        a.advance(100 * a.rtoNanos());
        assertEquals(List.of(), a.undrained());
        assertFalse(a.end.cancel(id), "no longer open");
        assertEquals(0, a.end.retained().get("queue"));
    }

    @Test
    void theOtherEndCancelsThroughTheMastersEnd() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        CreateId id = b.createQueued(TO_ALICE);
        assertTrue(b.end.cancel(id));
        assertEquals(cancelledAtBob(id), b.single(LinkMessages.EndRequest.class));
        assertEquals(List.of(), b.errors, "ended when the master says so");
        assertEquals(1, b.end.retained().get("queue"));
        LinkMessages.End end = new LinkMessages.End(LINK, id, 7, LinkErrorCode.CANCELLED, "cancelled at bob");
        b.receive(end);
        assertEquals(new LinkMessages.EndAck(LINK, id), b.single(LinkMessages.EndAck.class));
        assertEquals(List.of(LinkErrorCode.CANCELLED), b.drainErrorCodes());
        b.receive(end);
        assertEquals(1, b.drain(LinkMessages.EndAck.class).size(), "every copy is acknowledged");
        b.advance(100 * b.rtoNanos());
        assertEquals(List.of(), b.undrained(), "the END answered the END_REQUEST");
        assertEquals(List.of(), b.errors, "reported once");
    }

    @Test
    void theMasterEndsAnOpenItemTheOtherEndAsksToEnd() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.receive(addRequest(BOBS, TO_ALICE));
        a.drain(LinkMessages.Add.class);
        a.receive(cancelledAtBob(BOBS));
        LinkMessages.End end = a.single(LinkMessages.End.class);
        assertEquals(new LinkMessages.End(LINK, BOBS, 7, LinkErrorCode.CANCELLED, "cancelled at bob"), end);
        assertEquals(List.of(LinkErrorCode.CANCELLED), a.drainErrorCodes());
        assertEquals(0, a.end.retained().get("queue"));
        a.receive(cancelledAtBob(BOBS));
        assertEquals(end, a.single(LinkMessages.End.class), "a copy is answered with how it ended");
        assertEquals(List.of(), a.errors);
    }

    @Test
    void anEndRequestThatOvertakesItsAddRequestEndsTheRequestBeforeItIsQueued() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.receive(cancelledAtBob(BOBS));
        LinkMessages.End end = a.single(LinkMessages.End.class);
        assertEquals(LinkErrorCode.CANCELLED, end.code());
        assertEquals(List.of(LinkErrorCode.CANCELLED), a.drainErrorCodes());
        a.receive(addRequest(BOBS, TO_ALICE));
        assertEquals(end, a.single(LinkMessages.End.class), "the late ADD_REQUEST is answered with the END");
        a.receive(cancelledAtBob(BOBS));
        assertEquals(end, a.single(LinkMessages.End.class));
        assertEquals(List.of(), a.undrained(), "never queued");
        assertEquals(0, a.end.retained().get("items"));
        assertEquals(1, a.end.retained().get("endedUnseen"));
        assertEquals(List.of(), a.errors);
    }

    @Test
    void anEndRequestForACompletedRequestIsAnsweredWithAnEndWithoutCode() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        CreateRequest one = CreateRequest.keep("alice", 1).withPurposeId(7);
        a.receive(addRequest(BOBS, one));
        long item = a.single(LinkMessages.Add.class).itemId();
        a.receive(new LinkMessages.AddAck(LINK, item));
        a.keptHerald(1, item);
        a.receive(hold(1, item));
        assertEquals(LinkMessages.Verdict.DELIVER, a.single(LinkMessages.Decision.class).verdict());
        assertEquals(0, a.end.retained().get("queue"), "complete");
        a.receive(cancelledAtBob(BOBS));
        LinkMessages.End end = a.single(LinkMessages.End.class);
        assertNull(end.code(), "completed: nothing to report");
        assertEquals(List.of(), a.errors);
    }

    @Test
    void anEndThatOvertakesItsAddEndsTheRequestAndTheLateAddServesNothing() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        b.receive(cancelledAtAlice(ALICES));
        assertEquals(new LinkMessages.EndAck(LINK, ALICES), b.single(LinkMessages.EndAck.class));
        assertEquals(List.of(LinkErrorCode.CANCELLED), b.drainErrorCodes());
        b.receive(add(1, ALICES, TO_ALICE, 5));
        assertEquals(new LinkMessages.AddAck(LINK, 1), b.single(LinkMessages.AddAck.class));
        assertEquals(0, b.end.retained().get("queue"), "ended before its ADD came: never served");
        assertEquals(1, b.end.retained().get("items"));
        assertEquals(-1, b.source.nextWorkSlot(0));
        b.receive(cancelledAtAlice(ALICES));
        assertEquals(List.of(), b.errors, "reported once");
    }

    @Test
    void anEndWithoutCodeLetsTheRequestCompleteWithThePairsDecided() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        b.queued(ALICES, TO_ALICE);
        b.receive(new LinkMessages.End(LINK, ALICES, 7, null, ""));
        assertEquals(1, b.drain(LinkMessages.EndAck.class).size());
        assertEquals(List.of(), b.errors);
        assertEquals(1, b.end.retained().get("queue"));
    }

    @Test
    void crossingEndsEndTheRequestOnceAtEachEndWithTheMastersCode() {
        // The master cancels while the other end's END_REQUEST for the same request is on its way.
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        CreateId id = a.createQueued(TO_BOB);
        a.end.cancel(id);
        LinkMessages.End mastersEnd = a.single(LinkMessages.End.class);
        a.receive(cancelledAtBob(id));
        assertEquals(mastersEnd, a.single(LinkMessages.End.class), "already over: repeats how it ended");
        assertEquals(List.of(LinkErrorCode.CANCELLED), a.drainErrorCodes());
        // The other end, which asked, takes the master's END as the answer and its reason as the request's.
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        CreateId bobs = b.createQueued(TO_ALICE);
        b.end.cancel(bobs);
        b.drain(LinkMessages.EndRequest.class);
        LinkMessages.End crossing = cancelledAtAlice(bobs);
        b.receive(crossing);
        b.receive(crossing);
        assertEquals(2, b.drain(LinkMessages.EndAck.class).size());
        assertEquals(1, b.errors.size());
        assertEquals("cancelled at alice", b.errors.get(0).message());
        b.advance(100 * b.rtoNanos());
        assertEquals(List.of(), b.undrained(), "the END_REQUEST is answered");
    }

    @Test
    void bothEndsEndAnItemAtItsDeadlineSlotWithTimeoutAndNoEnd() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        long maxTime = 1_000_000;
        CreateId id = a.create(TO_BOB.withMaxTimeNanos(maxTime));
        LinkMessages.Add add = a.single(LinkMessages.Add.class);
        long deadlineSlot = maxTime / a.slotNanos();
        assertEquals(Math.max(a.leadSlots(), deadlineSlot), add.deadlineSlot());
        a.receive(new LinkMessages.AddAck(LINK, add.itemId()));
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        b.receive(add);
        b.drain(LinkMessages.AddAck.class);
        a.advance(add.deadlineSlot() * a.slotNanos() - 1);
        b.advance(add.deadlineSlot() * b.slotNanos() - 1);
        assertEquals(List.of(), a.errors);
        assertEquals(List.of(), b.errors);
        a.advance(1);
        b.advance(1);
        assertEquals(List.of(LinkErrorCode.TIMEOUT), a.drainErrorCodes());
        assertEquals(List.of(LinkErrorCode.TIMEOUT), b.drainErrorCodes());
        assertEquals(List.of(), a.undrained(), "both ends know the deadline: no END");
        assertEquals(List.of(), b.undrained());
        assertFalse(a.end.cancel(id));
    }

    @Test
    void anEndRequestNeverAnsweredEndsTheRequestWithUnreachable() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        CreateId id = b.createQueued(TO_ALICE);
        b.end.cancel(id);
        b.advance(b.ctx.giveUpNanos + 16 * b.rtoNanos());
        assertEquals(b.drain(LinkMessages.EndRequest.class).size() - 1, b.end.retransmissions());
        assertEquals(1, b.errors.size());
        assertEquals(LinkErrorCode.UNREACHABLE, b.errors.get(0).code());
        assertEquals("cancelled at bob, but alice never confirmed it", b.errors.get(0).message());
    }
}
