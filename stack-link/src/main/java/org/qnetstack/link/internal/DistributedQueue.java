package org.qnetstack.link.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.internal.LinkContext.Key;

/**
 * The distributed queue of one link end. The other end asks with ADD_REQUEST (sent again until the master's ADD
 * for it comes); the master answers ADD (sent again until ADD_ACK). Items are keyed by create id and item id, so
 * copies change nothing, and both ends keep the queue sorted by item id, so an ADD overtaken by a later one still
 * takes its place. A request ends early by END from the master, sent again until END_ACK; the other end asks for
 * it with END_REQUEST. A request that ends leaves the queue at once, and its ERR is reported once its pairs
 * already heralded have been decided. Its record is kept for the retention ({@link RequestRecords}).
 */
final class DistributedQueue {
    /** Items the master queues on one link at most; a request beyond is REJECTED. */
    static final int DEFAULT_QUEUE_LIMIT = 256;

    private final LinkContext ctx;
    /** Items still to be served, in item id order (the same at both ends). */
    private final TreeMap<Long, QueueItem> queue = new TreeMap<>();
    private final Map<Long, QueueItem> items = new HashMap<>();
    private final Map<CreateId, QueueItem> byCreateId = new HashMap<>();
    private long nextItemId = 1;
    private final RequestRecords records;
    /** Non-master: this end's requests the master has not queued yet. */
    private final Map<CreateId, LinkMessages.AddRequest> awaitingAdd = new HashMap<>();
    /** Requests that ended before this end learnt of them (an END overtook the ADD or ADD_REQUEST). */
    private final Map<CreateId, LinkMessages.End> endedUnseen = new HashMap<>();
    private int queueLimit = DEFAULT_QUEUE_LIMIT;

    DistributedQueue(LinkContext ctx) {
        this.ctx = ctx;
        this.records = new RequestRecords(ctx);
    }

    void setQueueLimit(int limit) {
        this.queueLimit = limit;
    }

    /** The items still to be served, in item id order. */
    Collection<QueueItem> open() {
        return queue.values();
    }

    boolean isOpen(QueueItem item) {
        return queue.get(item.add.itemId()) == item;
    }

    /** The item with this id while its record is kept, or null. */
    @Nullable QueueItem item(long itemId) {
        return items.get(itemId);
    }

    long staleCopies() {
        return records.staleCopies();
    }

    void submit(CreateId createId, CreateRequest request, double alpha, double goodness, long deadlineNanos) {
        int purposeId = request.purposeId();
        if (ctx.master) {
            enqueueAsMaster(createId, request, alpha, goodness, deadlineNanos);
            return;
        }
        LinkMessages.AddRequest r = new LinkMessages.AddRequest(ctx.linkName, createId, request, alpha, goodness,
                deadlineNanos);
        awaitingAdd.put(createId, r);
        ctx.sendReliably(new Key("add-request", createId), r, () -> {
            if (awaitingAdd.remove(createId) != null) {
                ctx.report(createId, purposeId, LinkErrorCode.UNREACHABLE, ctx.peer + " never queued the request; "
                        + "check that it runs and that the classical link to it works");
            }
        });
    }

    private void enqueueAsMaster(CreateId createId, CreateRequest request, double alpha, double goodness,
                                 long deadlineNanos) {
        if (queue.size() >= queueLimit) {
            String reason = String.format("%s's queue for %s is full (%d requests); try again later or ask for more "
                    + "pairs per request", ctx.node, ctx.linkName, queueLimit);
            if (!createId.node().equals(ctx.node)) {
                rememberEndedUnseen(new LinkMessages.End(ctx.linkName, createId, request.purposeId(),
                        LinkErrorCode.REJECTED, reason));
                sendEnd(createId, request.purposeId(), LinkErrorCode.REJECTED, reason);
            }
            ctx.report(createId, request.purposeId(), LinkErrorCode.REJECTED, reason);
            return;
        }
        LinkBelow below = ctx.below();
        long start = below.currentSlot() + ctx.leadSlots();
        if (!queue.isEmpty()) {
            start = Math.max(start, queue.lastEntry().getValue().add.startSlot());
        }
        long deadlineSlot = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.max(start, deadlineNanos / below.slotNanos());
        LinkMessages.Add add = new LinkMessages.Add(ctx.linkName, nextItemId++, createId, request, alpha, goodness,
                start, deadlineSlot);
        QueueItem item = enqueue(add);
        ctx.sendReliably(new Key("add", add.itemId()), add, () -> endItem(item, LinkErrorCode.UNREACHABLE,
                ctx.peer + " never acknowledged the request; check that it runs and that the classical link works"));
    }

    private QueueItem enqueue(LinkMessages.Add add) {
        QueueItem item = remember(add);
        queue.put(add.itemId(), item);
        if (add.deadlineSlot() != Long.MAX_VALUE) {
            item.deadline = ctx.scheduler.scheduleAt(add.deadlineSlot() * ctx.below().slotNanos(), () -> endItem(item,
                    LinkErrorCode.TIMEOUT, item.delivered + " of " + add.number() + " pairs made before the request's "
                            + "max time; ask for fewer pairs, a lower fidelity (higher rate), or more time"));
        }
        // An item ahead of the one being served (its ADD came late) takes over at once.
        ctx.below().reconsider();
        return item;
    }

    private QueueItem remember(LinkMessages.Add add) {
        QueueItem item = new QueueItem(add, ctx.node);
        items.put(add.itemId(), item);
        byCreateId.put(add.createId(), item);
        return item;
    }

    /**
     * Ends a live item here: it leaves the queue now and its ERR follows once its held pairs are settled.
     * The master tells the other end; the other end only ends items when told (or at their deadline,
     * which both ends share).
     */
    void endItem(QueueItem item, LinkErrorCode code, String reason) {
        if (item.ended || !isOpen(item)) {
            return; // already ended or completed
        }
        item.ended = true;
        item.endCode = code;
        item.endReason = reason;
        queue.remove(item.add.itemId());
        item.cancelDeadline();
        if (ctx.master && code != LinkErrorCode.TIMEOUT && code != LinkErrorCode.UNREACHABLE) {
            sendEnd(item.add.createId(), item.add.purposeId(), code, reason);
        }
        ctx.below().reconsider();
        reportEndIfSettled(item);
    }

    /** Ends the item for a cause found at this end: the master ends it, the other end asks the master to. */
    void endFromHere(QueueItem item, LinkErrorCode code, String reason) {
        if (ctx.master) {
            endItem(item, code, reason);
        } else {
            requestEnd(item.add.createId(), item.add.purposeId(), code, reason);
        }
    }

    /** The item has all its pairs: it leaves the queue (its record stays until its pairs are handed up). */
    void completed(QueueItem item) {
        queue.remove(item.add.itemId(), item);
        item.cancelDeadline();
    }

    private void sendEnd(CreateId createId, int purposeId, @Nullable LinkErrorCode code, String reason) {
        ctx.sendReliably(new Key("end", createId), new LinkMessages.End(ctx.linkName, createId, purposeId, code,
                reason), () -> ctx.warnings.log("{}: {} never acknowledged the end of {}", ctx.node, ctx.peer,
                createId));
    }

    private void resendEnd(LinkMessages.End ended) {
        sendEnd(ended.createId(), ended.purposeId(), ended.code(), ended.reason());
    }

    /** Reports the item's end once every pair held for it is settled; then its record may be forgotten. */
    void reportEndIfSettled(QueueItem item) {
        if (item.ended && !item.reported && item.unsettled == 0 && item.endCode != null) {
            item.reported = true;
            // An atomic request that ends short of its number hands up none of its pairs.
            releaseAtomicBuffer(item);
            ctx.report(item.add.createId(), item.add.purposeId(), item.endCode, item.endReason);
        }
        retireIfOver(item);
    }

    private void releaseAtomicBuffer(QueueItem item) {
        item.atomicBuffer.forEach(p -> ctx.releaseQubit(p.qubit()));
        item.atomicBuffer.clear();
    }

    /** Queues the item's record to be forgotten once it is over here: out of the queue, every pair settled. */
    private void retireIfOver(QueueItem item) {
        if (item.retiring || item.unsettled != 0 || isOpen(item) || (item.ended && !item.reported)) {
            return;
        }
        item.retiring = true;
        records.finished(item.add.createId(), item);
    }

    private void rememberEndedUnseen(LinkMessages.End end) {
        endedUnseen.put(end.createId(), end);
        records.finished(end.createId(), null);
    }

    /** Forgets the records of requests over for longer than the retention. */
    void forgetOldRecords(long now) {
        records.forgetOld(now, f -> {
            if (f.item() != null) {
                items.remove(f.item().add.itemId(), f.item());
                byCreateId.remove(f.createId(), f.item());
            } else {
                endedUnseen.remove(f.createId());
            }
        });
    }

    /** Cancels the request here and at the peer; false if it is not open at this end. */
    boolean cancel(CreateId createId) {
        QueueItem item = byCreateId.get(createId);
        boolean open = item != null ? isOpen(item) : awaitingAdd.containsKey(createId);
        if (!open) {
            return false;
        }
        String reason = "cancelled at " + ctx.node;
        if (ctx.master) {
            endItem(item, LinkErrorCode.CANCELLED, reason);
        } else {
            int purposeId = item != null ? item.add.purposeId() : awaitingAdd.get(createId).request().purposeId();
            requestEnd(createId, purposeId, LinkErrorCode.CANCELLED, reason);
        }
        return true;
    }

    /** Non-master: asks the master to end a request; both ends end it when the master's END comes. */
    private void requestEnd(CreateId createId, int purposeId, LinkErrorCode code, String reason) {
        ctx.sendReliably(new Key("end-request", createId), new LinkMessages.EndRequest(ctx.linkName, createId,
                purposeId, code, reason), () -> {
                    QueueItem item = byCreateId.get(createId);
                    if (item != null) {
                        endItem(item, LinkErrorCode.UNREACHABLE, reason + ", but " + ctx.peer + " never confirmed it");
                    }
                });
    }

    /** Master: the other end asks to queue its request. */
    void onAddRequest(LinkMessages.AddRequest r) {
        LinkMessages.End ended = endedUnseen.get(r.createId());
        QueueItem known = byCreateId.get(r.createId());
        if (ended != null) {
            resendEnd(ended); // cancelled before it came
        } else if (known != null) {
            ctx.send(known.add); // a copy, or our ADD was lost: the ADD answers it again
        } else if (!records.stale(r.createId())) {
            enqueueAsMaster(r.createId(), r.request(), r.alpha(), r.goodness(), r.deadlineNanos());
        }
    }

    /** Master: the other end knows the item. */
    void onAddAck(LinkMessages.AddAck a) {
        ctx.acknowledge("add", a.itemId());
    }

    /** Non-master: the master queued an item. */
    void onAdd(LinkMessages.Add a) {
        ctx.send(new LinkMessages.AddAck(ctx.linkName, a.itemId()));
        ctx.acknowledge("add-request", a.createId());
        awaitingAdd.remove(a.createId());
        if (items.containsKey(a.itemId()) || (!endedUnseen.containsKey(a.createId()) && records.stale(a.createId()))) {
            return; // a copy
        }
        if (endedUnseen.containsKey(a.createId())) {
            QueueItem item = remember(a); // ended (and reported) before its ADD came: never served
            item.ended = true;
            item.reported = true;
            retireIfOver(item);
            return;
        }
        enqueue(a);
    }

    /** Master: the other end asks to end a request. */
    void onEndRequest(LinkMessages.EndRequest r) {
        QueueItem item = byCreateId.get(r.createId());
        if (item == null && (endedUnseen.containsKey(r.createId()) || records.stale(r.createId()))) {
            LinkMessages.End ended = endedUnseen.get(r.createId());
            if (ended != null) {
                resendEnd(ended); // a copy: answer again
            }
        } else if (item == null) {
            // The END_REQUEST overtook its ADD_REQUEST: the request ends before it is queued.
            LinkMessages.End end = new LinkMessages.End(ctx.linkName, r.createId(), r.purposeId(), r.code(),
                    r.reason());
            rememberEndedUnseen(end);
            resendEnd(end);
            ctx.report(r.createId(), r.purposeId(), r.code(), r.reason());
        } else if (isOpen(item)) {
            endItem(item, r.code(), r.reason());
        } else {
            // Already over here: repeat how it ended (nothing to report if it completed or timed out).
            LinkErrorCode code = item.endCode == LinkErrorCode.TIMEOUT ? null : item.endCode;
            sendEnd(r.createId(), item.add.purposeId(), code, item.endReason);
        }
    }

    /** Master: the other end knows the request ended. */
    void onEndAck(LinkMessages.EndAck a) {
        ctx.acknowledge("end", a.createId());
    }

    /** Non-master: the master ended a request. */
    void onEnd(LinkMessages.End end) {
        ctx.send(new LinkMessages.EndAck(ctx.linkName, end.createId()));
        ctx.acknowledge("end-request", end.createId());
        if (end.code() == null) {
            return; // the request had completed at the master: it completes here with the pairs decided
        }
        QueueItem item = byCreateId.get(end.createId());
        if (item != null) {
            endItem(item, end.code(), end.reason());
        } else if (!endedUnseen.containsKey(end.createId()) && !records.stale(end.createId())) {
            rememberEndedUnseen(end);
            ctx.acknowledge("add-request", end.createId());
            awaitingAdd.remove(end.createId());
            ctx.report(end.createId(), end.purposeId(), end.code(), end.reason());
        }
    }

    /**
     * The peer is gone: forgets every request shared with it, releasing the qubits of atomic requests' held-back
     * pairs, and returns the errors to report: {@code code} for every request open or losing pairs here (a request
     * that had already ended, waiting to settle its pairs, keeps its own code).
     */
    List<LinkError> abandon(LinkErrorCode code, String reason) {
        List<LinkError> errors = new ArrayList<>();
        for (QueueItem item : items.values()) {
            item.cancelDeadline();
            releaseAtomicBuffer(item);
            boolean open = isOpen(item);
            boolean waiting = item.ended && !item.reported;
            boolean lost = item.unsettled != 0; // completed, with pairs agreed on but not handed up here
            if (!item.reported && (open || waiting || lost)) {
                item.reported = true;
                item.ended = true;
                boolean ownCode = waiting && item.endCode != null;
                errors.add(new LinkError(item.add.createId(), item.add.purposeId(), ownCode ? item.endCode : code,
                        ownCode ? item.endReason : reason, -1, -1));
            }
        }
        for (LinkMessages.AddRequest r : awaitingAdd.values()) {
            errors.add(new LinkError(r.createId(), r.request().purposeId(), code, reason, -1, -1));
        }
        clear();
        records.clearAll();
        return errors;
    }

    /** The link end closes: releases what the items hold back and forgets them. */
    void close() {
        for (QueueItem item : items.values()) {
            item.cancelDeadline();
            releaseAtomicBuffer(item);
        }
        clear();
        records.clear();
    }

    private void clear() {
        queue.clear();
        items.clear();
        byCreateId.clear();
        awaitingAdd.clear();
        endedUnseen.clear();
    }

    /** The sizes of what the queue keeps, in the order {@link LinkEndpoint#retained()} lists them. */
    void retained(Map<String, Integer> sizes) {
        sizes.put("queue", queue.size());
        sizes.put("items", items.size());
        sizes.put("byCreateId", byCreateId.size());
        sizes.put("awaitingAdd", awaitingAdd.size());
        sizes.put("endedUnseen", endedUnseen.size());
        sizes.put("finished", records.size());
    }
}
