package org.qnetstack.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.LINK;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.addRequest;
import static org.qnetstack.link.internal.EmbeddedLinkEnd.hold;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;

/** Peer down, recovery and close: what an end gives up, reports and keeps ({@link EmbeddedLinkEnd}). */
class PeerDownRulesTest {
    private static final CreateRequest TO_BOB = CreateRequest.keep("bob", 2).withPurposeId(7);
    private static final CreateRequest TO_ALICE = CreateRequest.keep("alice", 2).withPurposeId(7);

    private static void assertNothingKept(EmbeddedLinkEnd end) {
        for (Map.Entry<String, Integer> e : end.end.retained().entrySet()) {
            assertEquals(0, e.getValue(), e.getKey());
        }
        assertEquals(0, end.memory.inUse(), "every qubit held for the link is released");
    }

    @Test
    void thePeerGoingDownEndsEveryOpenRequestWithUnreachableAndReleasesEveryQubit() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        CreateId own = a.createQueued(TO_BOB);
        CreateId bobs = new CreateId("bob", 1);
        a.receive(addRequest(bobs, TO_ALICE)); // its ADD never acknowledged
        a.keptHerald(1, 1);
        a.receive(hold(2, 1)); // waiting for its own herald
        a.undrained();
        assertEquals(2, a.end.peerDown());
        assertEquals(List.of(own, bobs), a.errors.stream().map(LinkError::createId).toList());
        assertEquals(List.of(LinkErrorCode.UNREACHABLE, LinkErrorCode.UNREACHABLE), a.drainErrorCodes());
        assertNothingKept(a);
        assertEquals(1, a.abandons, "attempts and pairs in flight are given up below too");
        assertEquals(0, a.end.peerDown(), "idempotent");
        a.drain(Object.class);
        a.receive(hold(1, 1));
        a.advance(a.ctx.giveUpNanos * 2);
        assertEquals(List.of(), a.undrained(), "nothing is sent to or answered from a peer that is down");
        assertEquals(0, a.end.rejectedMessages());
        assertEquals(List.of(), a.errors);
    }

    @Test
    void aRequestAlreadyEndedWaitingForItsPairsReportsItsOwnCode() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        CreateId own = a.createQueued(TO_BOB);
        a.keptHerald(1, 1);
        a.end.cancel(own);
        assertEquals(List.of(), a.errors, "reported once its held pair is decided");
        assertEquals(1, a.end.peerDown());
        assertEquals(List.of(LinkErrorCode.CANCELLED), a.drainErrorCodes());
        assertNothingKept(a);
    }

    @Test
    void theOtherEndsRequestsTheMasterNeverQueuedEndWithUnreachable() {
        EmbeddedLinkEnd b = EmbeddedLinkEnd.other();
        b.create(TO_ALICE);
        CreateId queued = b.createQueued(TO_ALICE);
        b.keptHerald(1, 1);
        assertEquals(2, b.end.peerDown());
        assertEquals(List.of(LinkErrorCode.UNREACHABLE, LinkErrorCode.UNREACHABLE), b.drainErrorCodes());
        assertNothingKept(b);
    }

    @Test
    void oncePeerIsUpTheLinkServesRequestsAgainFromAFreshQueue() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        a.createQueued(TO_BOB);
        a.end.peerUp();
        assertEquals(0, a.wakes, "not down: nothing to do");
        a.end.peerDown();
        a.errors.clear();
        a.end.peerUp();
        assertEquals(1, a.wakes);
        CreateId again = a.create(TO_BOB);
        LinkMessages.Add add = a.single(LinkMessages.Add.class);
        assertEquals(again, add.createId());
        assertEquals(2, add.itemId(), "item ids go on growing: a copy from before cannot be taken for a new item");
        a.receive(new LinkMessages.AddAck(LINK, 2));
        a.keptHerald(1, 2);
        a.receive(hold(1, 2));
        assertEquals(LinkMessages.Verdict.DELIVER, a.single(LinkMessages.Decision.class).verdict());
        assertEquals(1, a.pairs.size());
    }

    @Test
    void closingReleasesEveryQubitAndStopsListening() {
        EmbeddedLinkEnd a = EmbeddedLinkEnd.master();
        CreateRequest atomic = TO_BOB.withAtomic(true);
        a.createQueued(atomic);
        a.keptHerald(1, 1);
        a.receive(hold(1, 1)); // delivered, held back until the second
        a.keptHerald(2, 1);
        a.end.close();
        assertEquals(0, a.memory.inUse());
        assertEquals(false, a.running);
        assertEquals(0, a.end.peerDown(), "a closed end has nothing to give up");
        assertThrows(AssertionError.class, () -> a.receive(hold(2, 1)));
        assertEquals(List.of(), a.pairs);
    }
}
