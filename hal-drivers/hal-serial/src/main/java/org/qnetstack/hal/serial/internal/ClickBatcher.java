package org.qnetstack.hal.serial.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ClickEvent;

/**
 * Holds the clicks of the stream until a watermark vouches for them. A batch (the clicks between two
 * watermarks) is released only if nothing about it is in doubt: no corrupted stream line arrived inside
 * it, the watermark's count equals the clicks received (so none was lost or injected), every time tag is
 * in order, at or after the previous watermark and before this one. Otherwise the whole batch is
 * dropped: losing clicks only makes attempts fail, while a wrong or missing click could herald a pair
 * that does not exist.
 */
public final class ClickBatcher {
    /** What a watermark did: the clicks it released (possibly none) or why it dropped the batch. */
    public record Outcome(List<ClickEvent> released, long watermarkPs, @Nullable String dropped, int droppedClicks) {
    }

    private final int channels;
    private final List<ClickEvent> batch = new ArrayList<>();
    private long floor;
    private @Nullable String doubt;

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

    public Outcome watermark(long ps, long count) {
        if (doubt == null && count != batch.size()) {
            doubt = "device sent " + count + " click(s), " + batch.size() + " arrived intact";
        }
        if (doubt == null && ps < floor) {
            doubt = "watermark went back from " + floor + " to " + ps + " ps";
        }
        if (doubt == null && !batch.isEmpty() && batch.get(batch.size() - 1).timePs() >= ps) {
            doubt = "click at " + batch.get(batch.size() - 1).timePs() + " ps not before its watermark " + ps + " ps";
        }
        floor = Math.max(floor, ps);
        Outcome outcome = doubt == null ? new Outcome(List.copyOf(batch), floor, null, 0)
                : new Outcome(List.of(), floor, doubt, batch.size());
        batch.clear();
        doubt = null;
        return outcome;
    }

    /**
     * Forgets clicks not yet vouched for (the acquisition restarted, or the line was lost) and returns
     * how many. The floor stays: clicks already released must stay in order with later ones.
     */
    public int discard() {
        int n = batch.size();
        batch.clear();
        doubt = null;
        return n;
    }

    /** The highest watermark seen, in ps. */
    public long floor() {
        return floor;
    }
}
