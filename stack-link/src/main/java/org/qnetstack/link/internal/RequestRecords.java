package org.qnetstack.link.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.qnetstack.link.CreateId;

/**
 * The records of requests over at one link end, kept for the retention (beyond every copy of a message about
 * them) and then forgotten, oldest first; per node that creates requests, the highest create id forgotten, so that
 * a copy later still is recognised as stale (ids grow at each node).
 */
final class RequestRecords {
    /** A record of a request over at this end: its item, or else an END that overtook its ADD. */
    record Finished(long atNanos, CreateId createId, @Nullable QueueItem item) {
    }

    private final LinkContext ctx;
    private final ArrayDeque<Finished> finished = new ArrayDeque<>();
    /** Per node that creates requests: the highest create id forgotten here; ids at or below are stale. */
    private final Map<String, Long> forgottenUpTo = new HashMap<>();
    private long staleCopies;

    RequestRecords(LinkContext ctx) {
        this.ctx = ctx;
    }

    /** The request is over here now: its record goes after the retention. */
    void finished(CreateId createId, @Nullable QueueItem item) {
        finished.add(new Finished(ctx.now(), createId, item));
    }

    /** Forgets the records over for longer than the retention, each handed to {@code forget} first. */
    void forgetOld(long now, Consumer<Finished> forget) {
        while (!finished.isEmpty() && now - finished.peekFirst().atNanos() >= ctx.retentionNanos) {
            Finished f = finished.pollFirst();
            forget.accept(f);
            forgottenUpTo.merge(f.createId().node(), f.createId().id(), Math::max);
        }
    }

    /** A message about a request forgotten here: a copy later than any the protocol sends (counted). */
    boolean stale(CreateId createId) {
        Long upTo = forgottenUpTo.get(createId.node());
        if (upTo == null || createId.id() > upTo) {
            return false;
        }
        staleCopies++;
        LinkEndpoint.LOG.debug("{} on {}: ignored a late copy about {}, forgotten here", ctx.node, ctx.linkName,
                createId);
        return true;
    }

    long staleCopies() {
        return staleCopies;
    }

    int size() {
        return finished.size();
    }

    /** The link end closes: nothing more will be asked about. */
    void clear() {
        finished.clear();
    }

    /** The peer comes back with a fresh stack, numbering its requests afresh: nothing it sent before counts. */
    void clearAll() {
        finished.clear();
        forgottenUpTo.clear();
    }
}
