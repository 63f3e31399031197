package org.qnetstack.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.LINK;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.add;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.addRequest;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.physical.AttemptPlan;
import org.qnetstack.physical.HeraldingNode;

/** The distributed queue's ADD rules, one end at a time ({@link EmbeddedLinkEnd}). */
class QueueAddRulesTest {
    private static final CreateRequest TO_BOB = CreateRequest.keep("bob", 2).withPurposeId(7);
    private static final CreateRequest TO_ALICE = CreateRequest.keep("alice", 2).withPurposeId(7);

    @Test
    void theMasterQueuesItsOwnRequestAndSendsTheAddAgainUntilAcknowledged() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        CreateId id = a.create(TO_BOB);
        LinkMessages.Add add = a.single(LinkMessages.Add.class);
        assertEquals(new LinkMessages.Add(LINK, 1, id, TO_BOB, EmbeddedLinkEnd.ALPHA, 0.9, a.leadSlots(),
                Long.MAX_VALUE), add);
        assertEquals(1, a.reconsiders, "a new item makes the heralding protocol look at the plan again");
        a.advance(a.rtoNanos());
        assertEquals(add, a.single(LinkMessages.Add.class), "sent again after one rto");
        assertEquals(1, a.end.retransmissions());
        a.receive(new LinkMessages.AddAck(LINK, 1));
        a.advance(100 * a.rtoNanos());
        assertEquals(List.of(), a.undrained());
        assertEquals(1, a.end.retained().get("queue"));
        assertEquals(0, a.end.retained().get("outstanding"));
        assertEquals(List.of(), a.errors);
    }

    @Test
    void theMasterAnswersAnAddRequestWithAnAddAndEveryCopyWithTheSameAdd() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        CreateId bobs = new CreateId("bob", 1);
        a.receive(addRequest(bobs, TO_ALICE));
        LinkMessages.Add add = a.single(LinkMessages.Add.class);
        assertEquals(1, add.itemId());
        assertEquals(bobs, add.createId());
        a.receive(addRequest(bobs, TO_ALICE));
        assertEquals(add, a.single(LinkMessages.Add.class), "a copy is answered with the same ADD, not a new item");
        assertEquals(1, a.end.retained().get("items"));
        assertEquals(1, a.end.retained().get("queue"));
        assertEquals(0, a.end.rejectedMessages());
    }

    @Test
    void aFullQueueRefusesTheMastersOwnRequestWithRejected() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.end.setQueueLimit(1);
        a.create(TO_BOB);
        a.drain(LinkMessages.Add.class);
        CreateId second = a.create(TO_BOB);
        assertEquals(List.of(), a.undrained(), "nothing is queued, so the peer is told nothing");
        assertEquals(1, a.errors.size());
        assertEquals(second, a.errors.get(0).createId());
        assertEquals(LinkErrorCode.REJECTED, a.errors.get(0).code());
        assertEquals(1, a.end.retained().get("queue"));
    }

    @Test
    void aFullQueueRefusesThePeersRequestWithAnEndAndAnswersItsCopiesWithTheSameEnd() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.end.setQueueLimit(1);
        a.create(TO_BOB);
        a.drain(LinkMessages.Add.class);
        CreateId bobs = new CreateId("bob", 1);
        a.receive(addRequest(bobs, TO_ALICE));
        LinkMessages.End end = a.single(LinkMessages.End.class);
        assertEquals(bobs, end.createId());
        assertEquals(LinkErrorCode.REJECTED, end.code());
        assertEquals(List.of(LinkErrorCode.REJECTED), a.drainErrorCodes());
        a.receive(addRequest(bobs, TO_ALICE));
        assertEquals(end, a.single(LinkMessages.End.class));
        assertEquals(List.of(), a.drain(LinkMessages.Add.class));
        assertEquals(List.of(), a.errors, "reported once");
    }

    @Test
    void anAddNeverAcknowledgedEndsTheRequestWithUnreachable() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        CreateId id = a.create(TO_BOB);
        a.advance(a.ctx.giveUpNanos + 16 * a.rtoNanos());
        int copies = a.drain(LinkMessages.Add.class).size();
        assertEquals(copies - 1, a.end.retransmissions());
        assertTrue(copies > 10, "sent again with backoff for the whole give-up time: " + copies);
        assertEquals(1, a.errors.size());
        assertEquals(id, a.errors.get(0).createId());
        assertEquals(LinkErrorCode.UNREACHABLE, a.errors.get(0).code());
        assertEquals(List.of(), a.undrained(), "no END: the peer is unreachable");
        assertEquals(0, a.end.retained().get("queue"));
    }

    @Test
    void theOtherEndAsksUntilTheAddComesAndAcknowledgesEveryCopy() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        CreateId id = b.create(TO_ALICE);
        LinkMessages.AddRequest r = b.single(LinkMessages.AddRequest.class);
        assertEquals(addRequest(id, TO_ALICE), r);
        b.advance(b.rtoNanos());
        assertEquals(r, b.single(LinkMessages.AddRequest.class));
        LinkMessages.Add add = add(4, id, TO_ALICE, 10);
        b.receive(add);
        assertEquals(new LinkMessages.AddAck(LINK, 4), b.single(LinkMessages.AddAck.class));
        b.receive(add);
        assertEquals(new LinkMessages.AddAck(LINK, 4), b.single(LinkMessages.AddAck.class), "every copy is acknowledged");
        b.advance(100 * b.rtoNanos());
        assertEquals(List.of(), b.undrained(), "the ADD answered the ADD_REQUEST");
        assertEquals(1, b.end.retained().get("queue"));
        assertEquals(0, b.end.retained().get("awaitingAdd"));
        assertEquals(1, b.reconsiders, "the copy changed nothing");
    }

    @Test
    void addsThatOvertakeEachOtherTakeTheirPlaceByItemId() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        long start = 3;
        b.receive(add(2, new CreateId("alice", 2), TO_ALICE, start));
        b.receive(add(1, new CreateId("alice", 1), TO_ALICE, start));
        assertEquals(2, b.drain(LinkMessages.AddAck.class).size());
        // Both items share one class: weighted round robin gives each a block of slots, in item id order.
        long quantum = 16 * HeraldingNode.keepAttemptSlots(b.link);
        long cycle = 2 * quantum;
        assertEquals(new AttemptPlan(1, EmbeddedLinkEnd.ALPHA, null), b.source.planFor(cycle));
        assertEquals(new AttemptPlan(2, EmbeddedLinkEnd.ALPHA, null), b.source.planFor(cycle + quantum));
        assertEquals(start, b.source.nextWorkSlot(0));
    }

    @Test
    void anAddRequestNeverAnsweredEndsTheRequestWithUnreachable() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        CreateId id = b.create(TO_ALICE);
        b.advance(b.ctx.giveUpNanos + 16 * b.rtoNanos());
        assertEquals(b.drain(LinkMessages.AddRequest.class).size() - 1, b.end.retransmissions());
        assertEquals(1, b.errors.size());
        assertEquals(id, b.errors.get(0).createId());
        assertEquals(LinkErrorCode.UNREACHABLE, b.errors.get(0).code());
        assertEquals(0, b.end.retained().get("awaitingAdd"));
    }

    @Test
    void aCopyAboutARequestForgottenHereIsIgnoredAndCounted() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        CreateId alices = new CreateId("alice", 1);
        LinkMessages.End end = new LinkMessages.End(LINK, alices, 7, LinkErrorCode.CANCELLED, "cancelled at alice");
        b.receive(end);
        assertEquals(List.of(LinkErrorCode.CANCELLED), b.drainErrorCodes());
        b.advance(b.end.retentionNanos());
        b.receive(add(1, alices, TO_ALICE, 5));
        assertEquals(1, b.end.staleCopies());
        assertEquals(1, b.drain(LinkMessages.AddAck.class).size(), "acknowledged, so that the master stops sending it");
        assertEquals(0, b.end.retained().get("queue"));
        assertEquals(0, b.end.retained().get("items"));
        assertEquals(List.of(), b.errors);
    }

    @Test
    void messagesThatMakeNoSenseHereAreRejectedAndCounted() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.receive(add(1, new CreateId("alice", 1), TO_BOB, 5)); // only the master sends ADDs
        a.receiveFrom("carol", addRequest(new CreateId("carol", 1), TO_ALICE));
        a.receive(new LinkMessages.AddRequest("alice-carol", new CreateId("bob", 1), TO_ALICE, 0.1, 0.9,
                Long.MAX_VALUE));
        assertEquals(3, a.end.rejectedMessages());
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        b.receive(addRequest(new CreateId("alice", 1), TO_ALICE)); // only the other end asks
        b.receive(EmbeddedLinkEnd.hold(1, 1));
        assertEquals(2, b.end.rejectedMessages());
        assertEquals(List.of(), a.undrained());
        assertEquals(List.of(), b.undrained());
        assertEquals(0, a.end.retained().get("queue") + b.end.retained().get("queue"));
    }
}
