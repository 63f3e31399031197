package org.qnetstack.hal.serial.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ClickEvent;

/**
 * Holds the clicks of the stream until a watermark vouches for them, and counts exactly the clicks the
 * device sent that were not delivered. A batch (the clicks between two watermarks) is released only if
 * nothing about it is in doubt: no corrupted stream line arrived inside it, the watermark's count equals
 * the clicks received (so none was lost or injected) and equals the growth of the device's total since
 * the previous watermark (so no watermark, and no batch with it, was lost), every time tag is in order,
 * at or after the previous watermark and before this one. Otherwise the whole batch is dropped: losing
 * clicks only makes attempts fail, while a wrong or missing click could herald a pair that does not exist.
 *
 * <p>Lost clicks are counted from the watermarks' totals (the stream's sequence number), not from what
 * arrived: between two intact watermarks the device sent exactly {@code total − previous total} clicks,
 * and whatever of them was not released is lost, however it was lost (lines garbled or dropped, a
 * watermark lost, the connection down while the device kept streaming). Only clicks a device forgot by
 * restarting before their watermark arrived cannot be known; those counted are the ones that did arrive.
 */
public final class ClickBatcher {
    /**
     * What a watermark did: the clicks it released (possibly none) or why it dropped the batch, and how
     * many clicks the device sent since the previous watermark that are not released (lost).
     */
    public record Outcome(List<ClickEvent> released, long watermarkPs, @Nullable String dropped, long lostClicks) {
    }

    private final int channels;
    private final List<ClickEvent> batch = new ArrayList<>();
    private long floor;
    private @Nullable String doubt;
    /** The device's total at the last watermark, or −1 before the first. */
    private long lastTotal = -1;
    /** Clicks received but discarded unconfirmed since the last watermark (recovery). */
    private long discarded;
    private boolean restarted;

    /** {@code channels}: how many inputs the device has; wire channels run from 1 to that. */
    public ClickBatcher(int channels) {
        this.channels = channels;
    }

    public void click(int wireChannel, long ps) {
        if (wireChannel > channels) {
            doubt("click on channel " + wireChannel + " of a " + channels + "-channel device");
        } else if (ps < floor) {
            doubt("click at " + ps + " ps before the watermark " + floor + " ps");
        } else if (!batch.isEmpty() && ps < batch.get(batch.size() - 1).timePs()) {
            doubt("click at " + ps + " ps after one at " + batch.get(batch.size() - 1).timePs() + " ps");
        }
        batch.add(new ClickEvent(wireChannel - 1, ps));
    }

    /** A corrupted stream line: it might have been a click, so the batch is in doubt. */
    public void corrupt(String why) {
        doubt(why);
    }

    private void doubt(String why) {
        if (doubt == null) {
            doubt = why;
        }
    }

    public Outcome watermark(long ps, long count, long total) {
        long lost = 0;
        if (restarted || (lastTotal >= 0 && total < lastTotal)) {
            // The device restarted (announced, or its total went back): it counts from 0 again. What it sent
            // before the restart and we never confirmed is lost; we know of the clicks that arrived.
            lost += discarded;
            lastTotal = 0;
            restarted = false;
        }
        discarded = 0; // otherwise included in the total's growth below
        long streamed;
        if (lastTotal < 0) {
            streamed = Math.max(count, batch.size()); // the first watermark ever: no earlier total to go by
        } else {
            streamed = total - lastTotal;
            if (count != streamed) {
                doubt("device sent " + streamed + " click(s) since the last watermark that arrived, this one counts "
                        + count);
            }
        }
        if (count != batch.size()) {
            doubt("device sent " + count + " click(s), " + batch.size() + " arrived intact");
        }
        if (ps < floor) {
            doubt("watermark went back from " + floor + " to " + ps + " ps");
        }
        if (!batch.isEmpty() && batch.get(batch.size() - 1).timePs() >= ps) {
            doubt("click at " + batch.get(batch.size() - 1).timePs() + " ps not before its watermark " + ps + " ps");
        }
        floor = Math.max(floor, ps);
        lastTotal = total;
        Outcome outcome = doubt == null ? new Outcome(List.copyOf(batch), floor, null, lost)
                : new Outcome(List.of(), floor, doubt, lost + Math.max(0, streamed));
        batch.clear();
        doubt = null;
        return outcome;
    }

    /**
     * Forgets clicks not yet vouched for (the line was lost) and returns how many. They are counted as lost
     * by the next watermark's total. The floor stays: clicks already released must stay in order with later
     * ones.
     */
    public int discard() {
        int n = batch.size();
        discarded += n;
        batch.clear();
        doubt = null;
        return n;
    }

    /** The device announced a restart: unconfirmed clicks are gone, and its total starts again from 0. */
    public void deviceRestarted() {
        discard();
        restarted = true;
    }

    /** The highest watermark seen, in ps. */
    public long floor() {
        return floor;
    }
}
