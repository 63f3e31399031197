package org.qnetstack.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;

/**
 * Sends a message again and again until it is acknowledged, for protocols whose classical network may
 * lose messages. Each message has a key, whatever its acknowledgement names. It goes out at once, then
 * after rto, 2·rto, 4·rto, … (each wait capped at {@code maxBackoff}·rto, so that a long outage is
 * bridged without flooding) until {@link #acknowledge} or until the give-up time has passed, when the
 * give-up action runs instead. The receiver must treat copies as one (they may also be duplicated
 * or overtaken by the network): every protocol using this names its messages by an id and ignores
 * repeats. Single-threaded, on the protocol's event loop.
 */
public final class Retransmitter {
    private final Scheduler scheduler;
    private final @Nullable LongSupplier rtoSource;
    private final int maxBackoff;
    /** 0 until first needed when the rto comes from a supplier. */
    private long rtoNanos;
    private long maxIntervalNanos;
    private final Map<Object, Outstanding> outstanding = new HashMap<>();
    private long retransmissions;
    private long givenUp;

    private static final class Outstanding {
        final Runnable transmit;
        final Runnable onGiveUp;
        final long giveUpAt;
        long interval;
        @Nullable TimerHandle timer;

        Outstanding(Runnable transmit, Runnable onGiveUp, long giveUpAt, long interval) {
            this.transmit = transmit;
            this.onGiveUp = onGiveUp;
            this.giveUpAt = giveUpAt;
            this.interval = interval;
        }
    }

    /**
     * @param rtoNanos   the first wait for an acknowledgement: a little more than the round trip
     * @param maxBackoff the longest wait, in multiples of rto (≥ 1)
     */
    public Retransmitter(Scheduler scheduler, long rtoNanos, int maxBackoff) {
        if (rtoNanos <= 0 || maxBackoff < 1) {
            throw new IllegalArgumentException("rto must be > 0 and maxBackoff ≥ 1");
        }
        this.scheduler = scheduler;
        this.rtoSource = null;
        this.maxBackoff = maxBackoff;
        this.rtoNanos = rtoNanos;
        this.maxIntervalNanos = rtoNanos * maxBackoff;
    }

    /**
     * As {@link #Retransmitter(Scheduler, long, int)} with an rto computed when first needed: for an rto that is
     * costly to know (a node's longest round trip in a large network) and that most nodes never need.
     *
     * @param rtoNanos asked once, at the first message or the first {@link #rtoNanos()}; must then give > 0
     */
    public Retransmitter(Scheduler scheduler, LongSupplier rtoNanos, int maxBackoff) {
        if (rtoNanos == null || maxBackoff < 1) {
            throw new IllegalArgumentException("rto must be given and maxBackoff ≥ 1");
        }
        this.scheduler = scheduler;
        this.rtoSource = rtoNanos;
        this.maxBackoff = maxBackoff;
    }

    public long rtoNanos() {
        if (rtoNanos == 0 && rtoSource != null) {
            long rto = rtoSource.getAsLong();
            if (rto <= 0) {
                throw new IllegalStateException("the rto computed for this retransmitter is " + rto + " ns: must be > 0");
            }
            rtoNanos = rto;
            maxIntervalNanos = rto * maxBackoff;
        }
        return rtoNanos;
    }

    /**
     * Transmits now and keeps retransmitting until acknowledged; after {@code giveUpAfterNanos} without
     * an acknowledgement, stops and runs {@code onGiveUp}. A message still outstanding under the same
     * key is replaced.
     */
    public void send(Object key, long giveUpAfterNanos, Runnable transmit, Runnable onGiveUp) {
        acknowledge(key);
        Outstanding o = new Outstanding(transmit, onGiveUp, scheduler.clock().nanos() + giveUpAfterNanos, rtoNanos());
        outstanding.put(key, o);
        transmit.run();
        arm(key, o);
    }

    private void arm(Object key, Outstanding o) {
        o.timer = scheduler.schedule(o.interval, () -> {
            if (outstanding.get(key) != o) {
                return;
            }
            if (scheduler.clock().nanos() >= o.giveUpAt) {
                outstanding.remove(key);
                givenUp++;
                o.onGiveUp.run();
                return;
            }
            retransmissions++;
            o.transmit.run();
            o.interval = Math.min(o.interval * 2, maxIntervalNanos);
            arm(key, o);
        });
    }

    /** The message under the key was acknowledged: stop sending it. False if none was outstanding. */
    public boolean acknowledge(Object key) {
        Outstanding o = outstanding.remove(key);
        if (o == null) {
            return false;
        }
        if (o.timer != null) {
            o.timer.cancel();
        }
        return true;
    }

    public boolean isOutstanding(Object key) {
        return outstanding.containsKey(key);
    }

    /** Messages still waiting for their acknowledgement. */
    public int outstanding() {
        return outstanding.size();
    }

    /** Forgets every outstanding message without running its give-up action (the protocol is closing). */
    public void cancelAll() {
        for (Outstanding o : outstanding.values()) {
            if (o.timer != null) {
                o.timer.cancel();
            }
        }
        outstanding.clear();
    }

    /**
     * Forgets the outstanding messages whose key matches, without running their give-up actions (their
     * receiver is gone: it crashed, or restarted and remembers nothing of them).
     *
     * @return how many were forgotten
     */
    public int cancelIf(java.util.function.Predicate<Object> key) {
        int cancelled = 0;
        for (var it = outstanding.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (key.test(e.getKey())) {
                if (e.getValue().timer != null) {
                    e.getValue().timer.cancel();
                }
                it.remove();
                cancelled++;
            }
        }
        return cancelled;
    }

    /** Copies sent after the first, over all messages. */
    public long retransmissions() {
        return retransmissions;
    }

    /** Messages given up unacknowledged. */
    public long givenUp() {
        return givenUp;
    }
}
