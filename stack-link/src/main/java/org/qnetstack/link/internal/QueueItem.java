package org.qnetstack.link.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.Priority;

/** One request in a link's distributed queue, as one end keeps it: from its ADD until it is forgotten. */
final class QueueItem implements LinkScheduler.Candidate {
    final LinkMessages.Add add;
    final CreateRequest request;
    /** The request was made at this end (it chooses its bases as the local end). */
    private final boolean createdHere;
    int delivered;
    /** Pairs held here whose fate is not decided yet. */
    int undecided;
    /** Pairs held here not yet handed up or released. */
    int unsettled;
    @Nullable LinkErrorCode endCode;
    String endReason = "";
    boolean ended;
    boolean reported;
    @Nullable TimerHandle deadline;
    /** The end of the request was asked for after a device failure (asked once). */
    boolean failed;
    /** Atomic requests: pairs delivered but held back until the last one is made. */
    final List<LinkPair> atomicBuffer = new ArrayList<>(0);
    /** Over at this end and queued to be forgotten. */
    boolean retiring;

    QueueItem(LinkMessages.Add add, String node) {
        this.add = add;
        this.request = add.request();
        this.createdHere = add.createId().node().equals(node);
    }

    boolean saturated() {
        return delivered + undecided >= add.number();
    }

    @Override
    public long itemId() {
        return add.itemId();
    }

    @Override
    public Priority priority() {
        return request.priority();
    }

    @Override
    public int weight() {
        return request.weight();
    }

    @Override
    public boolean consecutive() {
        return request.consecutive();
    }

    @Override
    public long startSlot() {
        return add.startSlot();
    }

    @Override
    public boolean wantsAttempts() {
        return !saturated();
    }

    /** How this end chooses its measurement axes for the item. */
    BasisChoice basisHere() {
        return createdHere ? request.localBasis() : request.remoteBasis();
    }

    void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
        }
    }
}
