package org.qnetstack.network.internal;

/**
 * The cutoff of this node's circuits: one timer per part, due when the oldest pair it holds (counted from
 * the herald of its oldest constituent) reaches the circuit's cutoff. Rearmed whenever what the part holds
 * changes; when it fires on a pair that is still that old, the part gives the circuit up ({@link
 * CircuitParts#giveUp}: its qubits freed, the others told, the head starting afresh).
 */
final class Cutoffs {
    private final CircuitParts parts;
    private final NodeContext ctx;

    Cutoffs(CircuitParts parts) {
        this.parts = parts;
        this.ctx = parts.ctx;
    }

    /** Sets the part's timer for its oldest pair now (none if it holds none, or the circuit has no cutoff). */
    void rearm(Part part) {
        long cutoff = part.setup.cutoffNanos();
        if (cutoff == 0 || !parts.isLive(part)) {
            return;
        }
        cancel(part);
        long oldest = part.oldestBorn();
        if (oldest == Long.MAX_VALUE) {
            return;
        }
        part.cutoffTimer = ctx.scheduler.scheduleAt(oldest + cutoff, () -> {
            part.cutoffTimer = null;
            if (!parts.isLive(part)) {
                return;
            }
            if (ctx.now() - part.oldestBorn() >= cutoff) {
                parts.giveUp(part, "a pair held at " + ctx.node + " reached the cutoff of " + cutoff + " ns");
            } else {
                rearm(part);
            }
        });
    }

    /** Stops the part's timer (it ended). */
    void cancel(Part part) {
        if (part.cutoffTimer != null) {
            part.cutoffTimer.cancel();
            part.cutoffTimer = null;
        }
    }
}
