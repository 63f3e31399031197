package org.qnetstack.physical;

import java.util.TreeMap;
import org.qnetstack.hal.QubitRole;
import org.qnetstack.hal.TimerHandle;

/**
 * The station's replies as this end takes them in: each carries the station's sequence number, and a
 * repeated or old one is rejected and counted, a jump reports the heralds in between as lost, and a herald
 * this end rejects is reported too (the other end may hold its half). A reply in sequence goes to the
 * attempts ({@link SlotAttempts} or {@link AttemptRuns}), and a kept pair they hand back goes up here:
 * first moved to a storage qubit if it sits on the last free communication qubit and the link has more work.
 *
 * <p>Messages in: REPLY; out: REPLY-ACK (run mode, where the station resends until acknowledged). Timers:
 * the move to storage.
 */
final class HeraldIntake {
    private final HeraldingNode h;
    private long lastSeq;
    /** The last sequence number taken in before the reply being handled (to report each loss once). */
    private long lastSeqBefore;
    /** Heralds whose pair is moving to storage, not yet handed up, by station sequence number. */
    private final TreeMap<Long, Move> moving = new TreeMap<>();

    /** A kept pair moving from its communication qubit to a storage qubit. */
    private record Move(int from, int to, TimerHandle done) {
    }

    HeraldIntake(HeraldingNode h) {
        this.h = h;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Every herald up to this sequence number has been handed up or rejected (see {@link HeraldingNode}). */
    long settledSeq() {
        return moving.isEmpty() ? lastSeq : moving.firstKey() - 1;
    }

    void onReply(HeraldingMessages.Reply r) {
        if (h.runs) {
            h.sendToStation(new HeraldingMessages.ReplyAck(h.link.name(), r.seq(), h.node));
        }
        lastSeqBefore = lastSeq;
        if (r.seq() <= lastSeq) {
            h.stats.rejectedReplies++;
            HeraldingNode.LOG.atDebug().log(() -> h.node + ": stale or repeated herald seq " + r.seq() + " on "
                    + h.link.name());
            if (h.runs) {
                rejectHerald(r); // already reported lost (or taken): only a keep run may need restarting
            }
            return;
        }
        if (r.seq() > lastSeq + 1) {
            long from = lastSeq + 1;
            h.stats.lostHeralds += r.seq() - from;
            h.source.onHeraldsLost(from, r.seq() - 1);
        }
        lastSeq = r.seq();
        if (h.runs) {
            h.attemptRuns.onReply(r);
        } else {
            h.slots.onReply(r);
        }
    }

    /**
     * A reply this end does not take as a pair: if it heralded one, the other end may hold its half and
     * must hear that this end does not; a keep run it concerns has stopped on that click.
     */
    void rejectHerald(HeraldingMessages.Reply r) {
        if (r.outcome().success() && r.seq() > lastSeqBefore) {
            h.source.onHeraldsLost(r.seq(), r.seq());
        }
        h.attemptRuns.onRejected(r);
    }

    /**
     * Hands a kept pair up. If it sits on the node's last free communication qubit, the link has more
     * work, and a storage qubit is free, the pair first moves to storage (as an NV centre moves it from
     * the electron to a carbon spin) so that attempts can go on; it goes up when the move is done.
     */
    void deliverKept(HeraldingMessages.Reply r, long queueItem, int qubit) {
        QubitMemory memory = h.memory;
        boolean commQubitFree = false;
        for (int q = 0; q < memory.capacity(); q++) {
            commQubitFree |= !memory.isAllocated(q) && memory.device().roles().get(q) == QubitRole.COMMUNICATION;
        }
        int storage = commQubitFree || !h.source.moreWorkAfterOneMore(queueItem) ? -1
                : memory.tryAllocate(QubitRole.STORAGE);
        if (storage < 0) {
            h.source.onHerald(new HeraldedPair(h.link.name(), r.slot(), r.seq(), queueItem, r.outcome().bellIndex(),
                    qubit, null, -1, h.scheduler.clock().nanos()));
            return;
        }
        h.stats.moves++;
        long duration = h.device.move(qubit, storage);
        moving.put(r.seq(), new Move(qubit, storage, h.scheduler.schedule(duration, () -> {
            moving.remove(r.seq());
            memory.free(qubit);
            h.source.onHerald(new HeraldedPair(h.link.name(), r.slot(), r.seq(), queueItem, r.outcome().bellIndex(),
                    storage, null, -1, h.scheduler.clock().nanos()));
        })));
    }

    /** Gives up every pair moving to storage, freeing both its qubits; none of them will be handed up. */
    void abandonMoves() {
        for (Move m : moving.values()) {
            m.done().cancel();
            h.device.discard(m.to());
            h.memory.free(m.from());
            h.memory.free(m.to());
        }
        moving.clear();
    }
}
