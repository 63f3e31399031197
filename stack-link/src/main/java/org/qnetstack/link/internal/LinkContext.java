package org.qnetstack.link.internal;

import java.util.random.RandomGenerator;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.LinkError;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.messaging.ClassicalNetwork;
import org.qnetstack.messaging.Retransmitter;
import org.qnetstack.physical.LinkModel;
import org.qnetstack.physical.LocalOperations;
import org.qnetstack.physical.QubitMemory;

/**
 * What the engines of one link end share: who and where the two ends are, the message port to the peer (plain
 * and reliable sends, rejected messages counted), the upper layer, the qubits, and the timing every engine derives
 * from the round trip. One per link end.
 */
final class LinkContext {
    /** The confirmation wait, beyond the retransmissions it must allow: covers a pair's move to storage. */
    private static final long CONFIRM_SLACK_NANOS = 10_000_000L;

    /** Names a reliable message for its acknowledgement. */
    record Key(String kind, Object id) {
    }

    final String node;
    final String peer;
    final LinkModel link;
    final String linkName;
    /** End A of the link: it numbers the items and decides every pair's fate. */
    final boolean master;
    final Scheduler scheduler;
    /** The node's qubits as the physical layer operates on them (a test round's measurement, a release). */
    final LocalOperations operations;
    final QubitMemory memory;
    final RandomGenerator random;
    final LinkUpcalls up;
    /** How long the master waits for the other end's HOLD, or for its own herald after a HOLD. */
    final long confirmWaitNanos;
    /** How long a message goes unacknowledged before the peer counts as unreachable. */
    final long giveUpNanos;
    /** How long a request's record is kept after it is over here: beyond every copy of a message about it. */
    final long retentionNanos;
    private final ClassicalNetwork network;
    private final String protocol;
    private final Retransmitter reliable;
    /** Warnings that can repeat once per message (rejections, unanswered resends): counted, summarised. */
    final RateLimitedLog warnings = RateLimitedLog.warnings(LinkEndpoint.LOG);
    private LinkBelow below;
    private long rejectedMessages;
    /** The link end is closed: nothing more is attempted or answered. */
    boolean closed;

    LinkContext(String node, LinkModel link, LocalOperations operations, QubitMemory memory, Scheduler scheduler,
                ClassicalNetwork network, LinkUpcalls up, RandomGenerator random) {
        this.node = node;
        this.link = link;
        this.linkName = link.name();
        this.peer = link.spec().otherEnd(node);
        this.operations = operations;
        this.memory = memory;
        this.network = network;
        this.up = up;
        this.random = random;
        this.master = link.spec().nodeA().equals(node);
        this.scheduler = scheduler;
        this.protocol = "link/" + link.name();
        long rto = 2 * network.delayNanos(node, peer) + 2 * link.slotNanos() + 20_000;
        this.reliable = new Retransmitter(scheduler, rto, 16);
        this.confirmWaitNanos = CONFIRM_SLACK_NANOS + 16 * rto;
        this.giveUpNanos = 20 * confirmWaitNanos;
        this.retentionNanos = 3 * giveUpNanos;
    }

    /** The heralding protocol below, made once the engines it calls exist. */
    void attach(LinkBelow below) {
        this.below = below;
    }

    LinkBelow below() {
        return below;
    }

    ClassicalNetwork network() {
        return network;
    }

    String protocol() {
        return protocol;
    }

    long now() {
        return scheduler.clock().nanos();
    }

    /** Slots from an ADD to the slot both ends start serving it: time for the ADD to reach the other end. */
    long leadSlots() {
        return (network.delayNanos(node, peer) + below.slotNanos() - 1) / below.slotNanos() + 2;
    }

    void send(Object message) {
        network.send(node, peer, protocol, message);
    }

    /** Sends the message until it is acknowledged under the key; gives up (and runs onGiveUp) after giveUpNanos. */
    void sendReliably(Key key, Object message, Runnable onGiveUp) {
        reliable.send(key, giveUpNanos, () -> send(message), onGiveUp);
    }

    void acknowledge(String kind, Object id) {
        reliable.acknowledge(new Key(kind, id));
    }

    /** Every message of this protocol is to the peer: stops sending them all. */
    void cancelReliableSends() {
        reliable.cancelAll();
    }

    /** Messages sent again for want of an acknowledgement. */
    long retransmissions() {
        return reliable.retransmissions();
    }

    int outstanding() {
        return reliable.outstanding();
    }

    void reject(String why) {
        rejectedMessages++;
        warnings.log("{} on {}: rejected {}", node, link.name(), why);
    }

    long rejectedMessages() {
        return rejectedMessages;
    }

    void report(CreateId createId, int purposeId, LinkErrorCode code, String message) {
        up.deliverError(new LinkError(createId, purposeId, code, message, -1, -1));
    }

    void releaseQubit(int qubit) {
        if (qubit >= 0) {
            operations.release(qubit);
        }
    }
}
