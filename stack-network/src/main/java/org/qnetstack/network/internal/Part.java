package org.qnetstack.network.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.link.CreateId;

/**
 * One node's share of one circuit: the pools of the hops it is on, the distilled pairs a repeater waits to
 * swap, an end's {@link Circuit}, the link requests it made, and its cutoff timer.
 */
final class Part {
    final CircuitMessages.Setup setup;
    final int index;
    /** The hop towards the head and the hop towards the tail; null at the head and at the tail. */
    @Nullable HopPool towardsHead;
    @Nullable HopPool towardsTail;
    /** A repeater's pairs ready to swap, on each side. */
    @Nullable HeldPair readyHead;
    @Nullable HeldPair readyTail;
    /** An end's view of the end-to-end pair. */
    final @Nullable Circuit circuit;
    final List<CreateId> creates = new ArrayList<>();
    @Nullable TimerHandle cutoffTimer;

    Part(CircuitMessages.Setup setup, int index) {
        this.setup = setup;
        this.index = index;
        this.circuit = isEnd() ? new Circuit(setup) : null;
    }

    boolean isHead() {
        return index == 0;
    }

    boolean isEnd() {
        return index == 0 || index == setup.path().size() - 1;
    }

    /** Herald time of the oldest pair this node holds for the circuit, or Long.MAX_VALUE. */
    long oldestBorn() {
        long oldest = Long.MAX_VALUE;
        for (HopPool p : new HopPool[] {towardsHead, towardsTail}) {
            if (p != null) {
                oldest = Math.min(oldest, p.oldestBorn());
            }
        }
        for (HeldPair p : new HeldPair[] {readyHead, readyTail}) {
            if (p != null) {
                oldest = Math.min(oldest, p.born());
            }
        }
        if (circuit != null && circuit.local != null) {
            oldest = Math.min(oldest, circuit.oldestBorn());
        }
        return oldest;
    }
}
