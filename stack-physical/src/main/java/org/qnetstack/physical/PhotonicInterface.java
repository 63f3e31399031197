package org.qnetstack.physical;

import org.jspecify.annotations.Nullable;

/**
 * A node's optical interface, shared by all its links: it sends one photon at a time. A link whose
 * device attempts by itself holds the interface for the whole run; a link attempting step by step takes
 * it for one slot. The other links skip those slots (their far ends then attempt alone and the station
 * reports no partner: never a pair).
 */
public final class PhotonicInterface {
    private @Nullable Object holder;
    private long slotTaken = -1;
    private @Nullable Object slotTaker;
    private long conflicts;
    /** Links refused while another held the interface, to tell when it is free (in the order they asked). */
    private final java.util.Map<Object, Runnable> waiting = new java.util.LinkedHashMap<>();

    /** Takes the interface for a run; false if another link holds it. */
    public boolean acquire(Object link) {
        if (holder != null && holder != link) {
            conflicts++;
            return false;
        }
        holder = link;
        return true;
    }

    /**
     * As {@link #acquire}, and if another link holds the interface, {@code whenFree} runs once when it is
     * released (a waiting link asks again then, instead of polling every slot while a long run lasts).
     */
    public boolean acquireOrWait(Object link, Runnable whenFree) {
        if (acquire(link)) {
            return true;
        }
        waiting.putIfAbsent(link, whenFree);
        return false;
    }

    public void release(Object link) {
        if (holder == link) {
            holder = null;
            if (!waiting.isEmpty()) {
                Runnable[] wake = waiting.values().toArray(Runnable[]::new);
                waiting.clear();
                for (Runnable r : wake) {
                    r.run();
                }
            }
        }
    }

    /** Takes the interface for one step-by-step attempt in the slot; false if it is busy then. */
    public boolean takeSlot(Object link, long slot) {
        if ((holder != null && holder != link) || (slotTaken == slot && slotTaker != link)) {
            conflicts++;
            return false;
        }
        slotTaken = slot;
        slotTaker = link;
        return true;
    }

    /** Attempts refused because another link was using the interface. */
    public long conflicts() {
        return conflicts;
    }
}
