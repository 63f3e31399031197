package org.qnetstack.link.internal;

import java.util.ArrayDeque;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.HeraldedLink;
import org.qnetstack.hal.QuantumDevice;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.LinkPair;
import org.qnetstack.link.RequestType;
import org.qnetstack.physical.AttemptPlan;
import org.qnetstack.physical.AttemptSource;
import org.qnetstack.physical.ClassicalNetwork;
import org.qnetstack.physical.Envelope;
import org.qnetstack.physical.HeraldedPair;
import org.qnetstack.physical.HeraldingNode;
import org.qnetstack.physical.QubitMemory;

/**
 * One node's end of one link: the distributed first-come-first-served queue and the heralding
 * protocol that serves its head. End A of the link is the queue's master: it numbers every item and
 * fixes the slot from which both ends serve it, far enough ahead for the news to reach the other end.
 */
final class LinkEndpoint implements AttemptSource {
    private static final Logger LOG = Logger.getLogger(LinkEndpoint.class.getName());

    private final String node;
    private final String peer;
    private final HeraldedLink link;
    private final QuantumDevice device;
    private final QubitMemory memory;
    private final ClassicalNetwork network;
    private final DefaultLinkService service;
    private final RandomGenerator random;
    private final HeraldingNode heralding;
    private final Scheduler scheduler;
    private final boolean master;
    private final String protocol;
    private final ArrayDeque<QueueItem> queue = new ArrayDeque<>();
    private long nextItemId = 1;
    private long rejectedMessages;

    private static final class QueueItem {
        final LinkMessages.Add add;
        int delivered;

        QueueItem(LinkMessages.Add add) {
            this.add = add;
        }
    }

    LinkEndpoint(String node, HeraldedLink link, QuantumDevice device, QubitMemory memory, Scheduler scheduler,
                 ClassicalNetwork network, DefaultLinkService service, RandomGenerator random,
                 org.qnetstack.physical.PhotonicInterface photonic) {
        this.node = node;
        this.link = link;
        this.peer = link.spec().otherEnd(node);
        this.device = device;
        this.memory = memory;
        this.network = network;
        this.service = service;
        this.random = random;
        this.master = link.spec().nodeA().equals(node);
        this.scheduler = scheduler;
        this.protocol = "link/" + link.name();
        this.heralding = new HeraldingNode(node, link, device, memory, scheduler, network, this, photonic);
        network.register(node, protocol, this::onMessage);
        heralding.start();
    }

    String peer() {
        return peer;
    }

    HeraldedLink link() {
        return link;
    }

    HeraldingNode heralding() {
        return heralding;
    }

    long rejectedMessages() {
        return rejectedMessages;
    }

    void submit(CreateId createId, int purposeId, RequestType type, int number,
                org.qnetstack.link.MeasureBasis basis, double alpha, double goodness, long deadlineNanos) {
        if (master) {
            enqueueAsMaster(createId, purposeId, type, number, basis, alpha, goodness, deadlineNanos);
        } else {
            network.send(node, peer, protocol, new LinkMessages.AddRequest(link.name(), createId, purposeId, type,
                    number, basis, alpha, goodness, deadlineNanos));
        }
    }

    private void enqueueAsMaster(CreateId createId, int purposeId, RequestType type, int number,
                                 org.qnetstack.link.MeasureBasis basis, double alpha, double goodness,
                                 long deadlineNanos) {
        long lead = (network.delayNanos(node, peer) + heralding.slotNanos() - 1) / heralding.slotNanos() + 2;
        long start = heralding.currentSlot() + lead;
        if (!queue.isEmpty()) {
            start = Math.max(start, queue.peekLast().add.startSlot());
        }
        long deadlineSlot = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.max(start, deadlineNanos / heralding.slotNanos());
        LinkMessages.Add add = new LinkMessages.Add(link.name(), nextItemId++, createId, purposeId, type, number, basis,
                alpha, goodness, start, deadlineSlot);
        network.send(node, peer, protocol, add);
        enqueue(add);
    }

    private void enqueue(LinkMessages.Add add) {
        QueueItem item = new QueueItem(add);
        queue.add(item);
        if (add.deadlineSlot() != Long.MAX_VALUE) {
            scheduler.scheduleAt(add.deadlineSlot() * heralding.slotNanos(), () -> timeOut(item));
        }
        heralding.wake();
    }

    /** The item's deadline slot has come: both ends give it up now, whatever is still in flight. */
    private void timeOut(QueueItem item) {
        if (!queue.remove(item)) {
            return; // completed in time
        }
        LinkMessages.Add a = item.add;
        heralding.reconsider();
        service.deliverError(new LinkError(a.createId(), a.purposeId(), LinkErrorCode.TIMEOUT, item.delivered + " of "
                + a.number() + " pairs made before the request's max time; ask for fewer pairs, a lower fidelity "
                + "(higher rate), or more time", -1, -1));
    }

    private void onMessage(Envelope e) {
        if (!e.from().equals(peer)) {
            reject("message from " + e.from() + ", who is not at the other end");
            return;
        }
        if (e.payload() instanceof LinkMessages.AddRequest r && master && r.link().equals(link.name())) {
            enqueueAsMaster(r.createId(), r.purposeId(), r.type(), r.number(), r.basis(), r.alpha(), r.goodness(),
                    r.deadlineNanos());
        } else if (e.payload() instanceof LinkMessages.Add a && !master && a.link().equals(link.name())) {
            if (!queue.isEmpty() && a.itemId() <= queue.peekLast().add.itemId()) {
                reject("repeated queue item " + a.itemId());
                return;
            }
            enqueue(a);
        } else {
            reject("unexpected " + e.payload().getClass().getSimpleName());
        }
    }

    private void reject(String why) {
        rejectedMessages++;
        LOG.warning(() -> node + " on " + link.name() + ": rejected " + why);
    }

    @Override
    public long nextWorkSlot(long fromSlot) {
        QueueItem head = queue.peek();
        return head == null ? -1 : Math.max(fromSlot, head.add.startSlot());
    }

    @Override
    public @Nullable AttemptPlan planFor(long slot) {
        QueueItem head = queue.peek();
        if (head == null || head.add.startSlot() > slot) {
            return null;
        }
        LinkMessages.Add a = head.add;
        return new AttemptPlan(a.itemId(), a.alpha(), a.type() == RequestType.KEEP ? null : a.basis().pick(random));
    }

    @Override
    public org.qnetstack.hal.Basis basisFor(long queueItem) {
        for (QueueItem item : queue) {
            if (item.add.itemId() == queueItem) {
                return item.add.basis().pick(random);
            }
        }
        return org.qnetstack.hal.Basis.Z; // a completed item: whatever is measured is discarded
    }

    @Override
    public boolean moreWorkAfterOneMore(long queueItem) {
        for (QueueItem item : queue) {
            if (item.add.itemId() != queueItem || item.delivered + 1 < item.add.number()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onHerald(HeraldedPair pair) {
        QueueItem item = null;
        for (QueueItem candidate : queue) {
            if (candidate.add.itemId() == pair.queueItem()) {
                item = candidate;
                break;
            }
        }
        if (item == null) {
            // The request was completed or dropped meanwhile: nobody will take this pair.
            releaseQubit(pair);
            return;
        }
        LinkMessages.Add a = item.add;
        item.delivered++;
        if (item.delivered >= a.number()) {
            queue.remove(item);
        }
        EntanglementId id = new EntanglementId(a.createId().node(), a.createId().node().equals(node) ? peer : node,
                pair.stationSeq());
        LinkPair ok = new LinkPair(a.createId(), id, a.purposeId(), peer, a.type(), pair.bellIndex(), a.goodness(),
                pair.heraldTime(), pair.qubit(), pair.basis(), pair.outcome());
        if (!service.deliver(ok)) {
            releaseQubit(pair);
        }
    }

    private void releaseQubit(HeraldedPair pair) {
        if (pair.qubit() >= 0) {
            device.discard(pair.qubit());
            memory.free(pair.qubit());
        }
    }

    @Override
    public void onHeraldsLost(long fromSeq, long toSeq) {
        QueueItem head = queue.peek();
        LOG.warning(() -> node + " on " + link.name() + ": heralds " + fromSeq + ".." + toSeq + " lost");
        if (head != null) {
            LinkMessages.Add a = head.add;
            service.deliverError(new LinkError(a.createId(), a.purposeId(), LinkErrorCode.EXPIRE,
                    "heralds " + fromSeq + ".." + toSeq + " on " + link.name()
                            + " were lost; any pair they carried is invalid at both ends", fromSeq, toSeq));
        }
    }

    /** Stops attempting, releases the qubits of attempts in flight, and forgets the queue. */
    void close() {
        heralding.stop();
        network.unregister(node, protocol);
        queue.clear();
    }
}
