package org.qnetstack.sim.kernel;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.qnetstack.hal.Clock;
import org.qnetstack.hal.Platform.RunOutcome;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;

/**
 * A single-threaded discrete-event kernel on a virtual nanosecond timeline. Events due at the same
 * instant run in the order they were scheduled, so a run is a pure function of its inputs.
 *
 * <p>Layout, chosen so that the hot path moves primitives only and allocates nothing:
 *
 * <ul>
 *   <li>Every waiting event owns a <em>slot</em>: its task, time, sequence number and the link to the
 *       next entry of its bucket live in slot-indexed arrays. Freed slots are reused, last freed
 *       first.
 *   <li>The queue is a radix heap with 256-way digits (a hierarchical timing wheel without a fixed
 *       horizon). Virtual time never goes back, so every queued time is at least {@code last}, the
 *       time of the head taken out last. An entry whose time first differs from {@code last} in
 *       byte L lies in bucket (L, byte L of its time); level 0 therefore holds one bucket per
 *       nanosecond. Scheduling appends to one bucket. Taking the next event pops the first
 *       non-empty bucket of level 0 or, when level 0 is empty, spreads the first non-empty bucket of
 *       the lowest non-empty level into the levels below. An entry moves down at most 7 times (in
 *       practice two or three for times up to ms ahead); nothing depends on unpredictable
 *       comparisons as in a binary heap's sift.
 *   <li>Buckets are FIFO lists linked through the slots, and spreading one keeps its order. Entries of
 *       equal time always share a bucket (the bucket is a function of the time and {@code last}), so
 *       ties come out in the order they were scheduled without comparing sequence numbers.
 *   <li>A {@link TimerHandle} is a value (slot, sequence): the kernel keeps no reference to it, so a
 *       handle the caller ignores is never stored and a stale one can never touch a later event of
 *       the same slot (sequences are never reused).
 *   <li>Cancelling clears the slot's task; the entry is dropped when it reaches the head, or earlier,
 *       all at once, when cancelled entries outnumber live ones (so a protocol that keeps re-arming
 *       long timeouts cannot grow the queue without bound).
 * </ul>
 */
public final class EventKernel implements Scheduler, Clock {
    private static final int INITIAL_SLOTS = 1024;
    /** Bits per digit, digits per level. Times are non-negative longs: 63 bits, 8 levels. */
    private static final int DIGIT_BITS = 8;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final int LEVELS = 8;
    private static final int WORDS_PER_LEVEL = DIGITS / 64;
    private static final int NONE = -1;
    /** Below this many cancelled entries, compaction is not worth a pass over the queue. */
    private static final int MIN_CANCELLED_TO_COMPACT = 64;

    private long now;
    private long nextSequence;
    private long dispatched;

    // The radix heap. Bucket index = level · 256 + digit.
    /** Time of the head taken out (or surfaced) last; no queued time is smaller. */
    private long last;
    private final int[] bucketHead = new int[LEVELS * DIGITS];
    private final int[] bucketTail = new int[LEVELS * DIGITS];
    /** One bit per bucket: set iff the bucket is not empty. */
    private final long[] occupied = new long[LEVELS * WORDS_PER_LEVEL];
    /** One bit per level: set iff some bucket of the level is not empty. */
    private int occupiedLevels;
    /** Entries queued, cancelled ones included. */
    private int size;
    /** Entries queued whose event was cancelled. */
    private int cancelled;

    // The slots, by slot index. A slot is in use exactly while a queued entry names it.
    private Runnable[] slotTask = new Runnable[INITIAL_SLOTS];
    private long[] slotTime = new long[INITIAL_SLOTS];
    private long[] slotSequence = new long[INITIAL_SLOTS];
    private int[] slotNext = new int[INITIAL_SLOTS];
    private int[] freeSlots = new int[INITIAL_SLOTS];
    private int freeCount;
    private int slotsEverUsed;

    public EventKernel() {
        Arrays.fill(bucketHead, NONE);
        Arrays.fill(bucketTail, NONE);
    }

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public Clock clock() {
        return this;
    }

    /** Number of events run so far (cancelled ones excluded). */
    public long dispatchedEvents() {
        return dispatched;
    }

    /** Number of events waiting to run; cancelled ones are not counted. */
    public int pendingEvents() {
        return size - cancelled;
    }

    @Override
    public TimerHandle schedule(long delayNanos, Runnable task) {
        int slot = enqueue(timeAfter(delayNanos), task);
        return new Handle(this, slot, slotSequence[slot]);
    }

    /** Runs the task at {@code atNanos}, or now (after the tasks already due now) if that has passed. */
    @Override
    public TimerHandle scheduleAt(long atNanos, Runnable task) {
        int slot = enqueue(Math.max(atNanos, now), task);
        return new Handle(this, slot, slotSequence[slot]);
    }

    /** Schedules a task that will not be cancelled: no handle is made. */
    @Override
    public void post(long delayNanos, Runnable task) {
        enqueue(timeAfter(delayNanos), task);
    }

    @Override
    public void execute(Runnable task) {
        enqueue(now, task);
    }

    private long timeAfter(long delayNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must be ≥ 0 ns (was " + delayNanos + ")");
        }
        long time = now + delayNanos;
        return time < now ? Long.MAX_VALUE : time; // saturate: "never" in practice
    }

    /** Puts the task in a slot and the slot in the queue; returns the slot. */
    private int enqueue(long time, Runnable task) {
        Objects.requireNonNull(task, "task");
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (slotsEverUsed == slotTask.length) {
                growSlots();
            }
            slot = slotsEverUsed++;
        }
        slotTask[slot] = task;
        slotTime[slot] = time;
        slotSequence[slot] = nextSequence++;
        if (time < last) {
            rebase(time);
        }
        append(bucketOf(time), slot);
        size++;
        return slot;
    }

    private void growSlots() {
        int capacity = slotTask.length * 2;
        slotTask = Arrays.copyOf(slotTask, capacity);
        slotTime = Arrays.copyOf(slotTime, capacity);
        slotSequence = Arrays.copyOf(slotSequence, capacity);
        slotNext = Arrays.copyOf(slotNext, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    /** The bucket of a time ≥ {@link #last}: level of the highest byte where they differ, that byte's value. */
    private int bucketOf(long time) {
        long differing = time ^ last;
        int level = differing == 0 ? 0 : (63 - Long.numberOfLeadingZeros(differing)) / DIGIT_BITS;
        int digit = (int) (time >>> (level * DIGIT_BITS)) & (DIGITS - 1);
        return level * DIGITS + digit;
    }

    private void append(int bucket, int slot) {
        slotNext[slot] = NONE;
        int tail = bucketTail[bucket];
        if (tail == NONE) {
            bucketHead[bucket] = slot;
            occupied[bucket >>> 6] |= 1L << bucket;
            occupiedLevels |= 1 << (bucket / DIGITS);
        } else {
            slotNext[tail] = slot;
        }
        bucketTail[bucket] = slot;
    }

    /** Empties the bucket and returns the first slot of its list (the list itself is left linked). */
    private int detach(int bucket) {
        int first = bucketHead[bucket];
        bucketHead[bucket] = NONE;
        bucketTail[bucket] = NONE;
        markEmpty(bucket);
        return first;
    }

    private void markEmpty(int bucket) {
        long word = occupied[bucket >>> 6] & ~(1L << bucket);
        occupied[bucket >>> 6] = word;
        if (word == 0) {
            int level = bucket / DIGITS;
            int base = level * WORDS_PER_LEVEL;
            boolean levelEmpty = true;
            for (int w = base; w < base + WORDS_PER_LEVEL; w++) {
                levelEmpty &= occupied[w] == 0;
            }
            if (levelEmpty) {
                occupiedLevels &= ~(1 << level);
            }
        }
    }

    /**
     * The first non-empty digit of a non-empty level. Its entries are not earlier than {@link #last}, so
     * none has a digit below last's digit at that level: the search starts from last's word.
     */
    private int firstDigit(int level) {
        int base = level * WORDS_PER_LEVEL;
        int w = base + (((int) (last >>> (level * DIGIT_BITS)) & (DIGITS - 1)) >>> 6);
        while (occupied[w] == 0) {
            w++;
        }
        return (w - base) * 64 + Long.numberOfTrailingZeros(occupied[w]);
    }

    /**
     * Makes the earliest entry the head of the queue, the first entry of level-0 bucket
     * {@code last & 255}, if its time is at most {@code limit}; returns whether it did. {@link #last}
     * never passes the limit, so a caller that stops at a deadline leaves the queue ready for events
     * scheduled before the next one.
     */
    private boolean surface(long limit) {
        if (bucketHead[(int) last & (DIGITS - 1)] != NONE) {
            return last <= limit; // more events due at last, e.g. a burst at one instant
        }
        while (occupiedLevels != 0) {
            int level = Integer.numberOfTrailingZeros(occupiedLevels);
            int bucket = level * DIGITS + firstDigit(level);
            int first = bucketHead[bucket];
            if (level > 0 && first == bucketTail[bucket]) {
                // A lone entry in the lowest bucket is the earliest of all: straight to the head.
                long time = slotTime[first];
                if (time > limit) {
                    return false;
                }
                detach(bucket);
                last = time;
                append((int) time & (DIGITS - 1), first);
                return true;
            }
            int shift = level * DIGIT_BITS;
            // Bytes above the level from last, this byte, zeros below: no entry of the bucket is earlier,
            // and for level 0 it is the bucket's (single) time.
            long keptHigh = shift + DIGIT_BITS >= 64 ? 0 : last & (-1L << (shift + DIGIT_BITS));
            long start = keptHigh | ((long) (bucket & (DIGITS - 1)) << shift);
            if (start > limit) {
                return false;
            }
            last = start;
            if (level == 0) {
                return true;
            }
            // Every entry shares the bytes from this level up with the new last: each lands lower.
            for (int slot = detach(bucket); slot != NONE; ) {
                int next = slotNext[slot];
                append(bucketOf(slotTime[slot]), slot);
                slot = next;
            }
        }
        return false;
    }

    /**
     * Lowers {@link #last} to {@code time} by spreading every entry anew. Needed only when an event is
     * scheduled before the head the queue has surfaced (after {@link #nextEventTime()} looked ahead);
     * the other paths never raise {@code last} above the clock. Entries of equal time come from one
     * bucket, in order, and are appended in that order, so ties keep their order.
     */
    private void rebase(long time) {
        int[] slots = new int[size];
        int n = 0;
        for (int bucket = 0; bucket < bucketHead.length; bucket++) {
            if (bucketHead[bucket] != NONE) {
                for (int slot = detach(bucket); slot != NONE; slot = slotNext[slot]) {
                    slots[n++] = slot;
                }
            }
        }
        last = time;
        for (int k = 0; k < n; k++) {
            append(bucketOf(slotTime[slots[k]]), slots[k]);
        }
    }

    /** Removes the head of the queue (after {@link #surface}); returns its slot. */
    private int takeHead() {
        int bucket = (int) last & (DIGITS - 1);
        int slot = bucketHead[bucket];
        int next = slotNext[slot];
        bucketHead[bucket] = next;
        if (next == NONE) {
            bucketTail[bucket] = NONE;
            markEmpty(bucket);
        }
        size--;
        return slot;
    }

    /** Time of the next event that will run, or {@link Long#MAX_VALUE} if none is waiting. */
    public long nextEventTime() {
        return surfaceLive(Long.MAX_VALUE) ? last : Long.MAX_VALUE;
    }

    /**
     * Runs the next event. Returns false if none was waiting. Cancelled events are dropped without
     * advancing time past them.
     */
    public boolean step() {
        if (!surfaceLive(Long.MAX_VALUE)) {
            return false;
        }
        runHead();
        return true;
    }

    /** Runs the live event at the head of the queue (after {@link #surfaceLive}). */
    private void runHead() {
        Runnable task = release(takeHead());
        now = last;
        dispatched++;
        task.run();
    }

    /**
     * Drops cancelled entries from the head until a live one due at or before {@code limit} is there
     * (its time is then {@link #last}); returns false if there is none.
     */
    private boolean surfaceLive(long limit) {
        while (surface(limit)) {
            if (slotTask[bucketHead[(int) last & (DIGITS - 1)]] != null) {
                return true;
            }
            release(takeHead());
            cancelled--;
        }
        return false;
    }

    /** Frees the slot (before its task runs, so its handle no longer reads as pending) and returns its task. */
    private Runnable release(int slot) {
        Runnable task = slotTask[slot];
        slotTask[slot] = null;
        freeSlots[freeCount++] = slot;
        return task;
    }

    /**
     * Runs events until the condition holds (checked before each event), no event is left, or the
     * next event lies beyond {@code maxNanos} from now; in the last case time advances to the limit.
     */
    public RunOutcome runUntil(BooleanSupplier condition, long maxNanos) {
        long deadline = maxNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + maxNanos;
        while (true) {
            if (condition.getAsBoolean()) {
                return RunOutcome.CONDITION_MET;
            }
            if (!surfaceLive(deadline)) {
                if (pendingEvents() == 0) {
                    return RunOutcome.IDLE;
                }
                now = deadline;
                return RunOutcome.TIME_LIMIT;
            }
            runHead();
        }
    }

    /** Runs every event due at or before {@code time}, then sets the clock to it. */
    public void runUntilTime(long time) {
        while (surfaceLive(time)) {
            runHead();
        }
        now = Math.max(now, time);
    }

    private boolean isPending(int slot, long sequence) {
        return slotSequence[slot] == sequence && slotTask[slot] != null;
    }

    private boolean cancel(int slot, long sequence) {
        if (!isPending(slot, sequence)) {
            return false;
        }
        slotTask[slot] = null; // releases the task now; the entry goes when it surfaces
        cancelled++;
        if (cancelled >= MIN_CANCELLED_TO_COMPACT && cancelled > size / 2) {
            compact();
        }
        return true;
    }

    /** Removes every cancelled entry; the others keep their buckets and their order. */
    private void compact() {
        for (int bucket = 0; bucket < bucketHead.length; bucket++) {
            if (bucketHead[bucket] == NONE) {
                continue;
            }
            for (int slot = detach(bucket); slot != NONE; ) {
                int next = slotNext[slot];
                if (slotTask[slot] == null) {
                    freeSlots[freeCount++] = slot;
                    size--;
                } else {
                    append(bucket, slot);
                }
                slot = next;
            }
        }
        cancelled = 0;
    }

    /** A scheduled event named by its slot and its sequence number, which no later event shares. */
    private static final class Handle implements TimerHandle {
        private final EventKernel kernel;
        private final int slot;
        private final long sequence;

        Handle(EventKernel kernel, int slot, long sequence) {
            this.kernel = kernel;
            this.slot = slot;
            this.sequence = sequence;
        }

        @Override
        public boolean cancel() {
            return kernel.cancel(slot, sequence);
        }

        @Override
        public boolean isPending() {
            return kernel.isPending(slot, sequence);
        }
    }
}
