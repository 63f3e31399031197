package org.qnetstack.link.internal;

import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.qnetstack.link.Priority;

/**
 * Chooses the queue item each slot of a link serves: strict priority between classes, and within a class
 * weighted round robin over blocks of slots (weighted fair queueing for attempts that all cost one slot).
 * The choice depends only on the slot and on what both ends of the link share (the queue in item order,
 * each item's class, weight, start slot, and whether it still wants attempts), so both ends choose the same
 * item in the same slot without talking. A consecutive item, once first among its class's candidates,
 * keeps the class to itself until it ends.
 *
 * <p>Blocks are {@code quantum} slots per unit of weight, a multiple of the keep-attempt period, so that a
 * keep request gets attempts in every block of its own and a device's run is restarted at most once a
 * block.
 */
final class LinkScheduler {
    /** What the scheduler needs to know of an item. */
    interface Candidate {
        long itemId();

        Priority priority();

        int weight();

        boolean consecutive();

        long startSlot();

        /** Whether it wants attempts now (not saturated by pairs awaiting a decision). */
        boolean wantsAttempts();
    }

    /** The item to serve in a slot, and the last slot it is served in if nothing changes. */
    record Choice<T extends Candidate>(T item, long until) {
    }

    private final long quantum;

    LinkScheduler(long quantum) {
        if (quantum < 1) {
            throw new IllegalArgumentException("quantum must be ≥ 1 slot (was " + quantum + ")");
        }
        this.quantum = quantum;
    }

    long quantum() {
        return quantum;
    }

    /**
     * The item to serve in {@code slot}, or null if none may be.
     *
     * @param queue the items in item-id order (the same order at both ends)
     */
    <T extends Candidate> @Nullable Choice<T> choose(Collection<T> queue, long slot) {
        // Items not started yet bound how long the choice stands: one of them may take over at its start.
        long nextStart = Long.MAX_VALUE;
        Priority best = null;
        for (T c : queue) {
            if (c.startSlot() > slot) {
                nextStart = Math.min(nextStart, c.startSlot());
            } else if (c.wantsAttempts() && (best == null || c.priority().compareTo(best) < 0)) {
                best = c.priority();
            }
        }
        if (best == null) {
            return null;
        }
        long until = nextStart == Long.MAX_VALUE ? Long.MAX_VALUE : nextStart - 1;
        long totalWeight = 0;
        T only = null;
        int candidates = 0;
        for (T c : queue) {
            if (c.priority() != best || c.startSlot() > slot || !c.wantsAttempts()) {
                continue;
            }
            if (candidates == 0 && c.consecutive()) {
                return new Choice<>(c, until);
            }
            if (c.consecutive()) {
                continue; // waits until it is first in line
            }
            candidates++;
            only = c;
            totalWeight += c.weight();
        }
        if (candidates == 1) {
            return new Choice<>(only, until);
        }
        long cycle = totalWeight * quantum;
        long position = Math.floorMod(slot, cycle);
        long blockStart = 0;
        for (T c : queue) {
            if (c.priority() != best || c.startSlot() > slot || !c.wantsAttempts() || c.consecutive()) {
                continue;
            }
            long blockEnd = blockStart + c.weight() * quantum;
            if (position < blockEnd) {
                return new Choice<>(c, Math.min(until, slot + (blockEnd - 1 - position)));
            }
            blockStart = blockEnd;
        }
        throw new IllegalStateException("slot position " + position + " beyond the cycle " + cycle);
    }

    /** The first slot at or after {@code fromSlot} in which some item may be served, or −1. */
    <T extends Candidate> long nextWorkSlot(Collection<T> queue, long fromSlot) {
        long next = -1;
        for (T c : queue) {
            if (c.wantsAttempts()) {
                long s = Math.max(fromSlot, c.startSlot());
                next = next < 0 ? s : Math.min(next, s);
            }
        }
        return next;
    }
}
