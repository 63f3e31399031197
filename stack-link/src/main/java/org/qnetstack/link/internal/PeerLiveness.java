package org.qnetstack.link.internal;

import java.util.List;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;

/**
 * Peer-down handling of one link end. When told that the peer crashed or is cut off, this end gives up everything
 * it shares with it at once: every qubit it holds for the link is released, every open request ends with ERR
 * UNREACHABLE (no END can be agreed with a dead peer), and messages from the peer are ignored until it is back.
 * The peer comes back with a fresh stack that knows nothing of the old queue, item ids or decisions, and this
 * end starts afresh too.
 */
final class PeerLiveness {
    private final LinkContext ctx;
    private final DistributedQueue queue;
    private final PairAgreement agreement;
    private final AttemptServer attempts;
    /** The peer crashed or is cut off: nothing is shared with it until it is back. */
    private boolean down;

    PeerLiveness(LinkContext ctx, DistributedQueue queue, PairAgreement agreement, AttemptServer attempts) {
        this.ctx = ctx;
        this.queue = queue;
        this.agreement = agreement;
        this.attempts = attempts;
    }

    boolean isDown() {
        return down;
    }

    /**
     * The peer crashed or is cut off: releases every qubit held for the link and ends every open request with
     * ERR UNREACHABLE (a request that had already ended, waiting to settle its pairs, reports its own code).
     * Idempotent.
     *
     * @return the requests ended
     */
    int peerDown() {
        if (down || ctx.closed) {
            return 0;
        }
        down = true;
        return forgetPeer(LinkErrorCode.UNREACHABLE, ctx.peer + " is down (crashed or cut off): the request ended at "
                + ctx.node + " and every qubit held for it was released; retry once " + ctx.peer + " is back");
    }

    /**
     * The peer is back with a fresh stack: requests are served again, from a queue both ends start afresh.
     * Does nothing unless the peer was down.
     */
    void peerUp() {
        if (!down || ctx.closed) {
            return;
        }
        down = false;
        ctx.below().wake();
    }

    /** Forgets everything shared with the peer, releasing its qubits, then reports each request's end. */
    private int forgetPeer(LinkErrorCode code, String reason) {
        ctx.cancelReliableSends();
        agreement.releaseHeld();
        List<LinkError> errors = queue.abandon(code, reason);
        agreement.forgetPeer();
        attempts.cancelNoResourceWatch();
        ctx.below().abandonInFlight();
        errors.forEach(ctx.up::deliverError);
        return errors.size();
    }
}
