package org.qnetstack.hal.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.ClickEvent;

class ClickBatcherTest {
    private final ClickBatcher batcher = new ClickBatcher(4);
    /** The device's total, as an honest device keeps it: the sum of the counts it announced. */
    private long total;

    /** A watermark from an honest device that sent {@code count} clicks since the previous one. */
    private ClickBatcher.Outcome wm(long ps, long count) {
        total += count;
        return batcher.watermark(ps, count, total);
    }

    @Test
    void releasesAConfirmedBatchWithChannelsFromZero() {
        batcher.click(1, 100);
        batcher.click(2, 100);
        batcher.click(4, 150);
        ClickBatcher.Outcome o = wm(200, 3);
        assertNull(o.dropped());
        assertEquals(List.of(new ClickEvent(0, 100), new ClickEvent(1, 100), new ClickEvent(3, 150)), o.released());
        assertEquals(200, o.watermarkPs());
    }

    @Test
    void dropsABatchWithAMissingClick() {
        batcher.click(1, 100);
        assertDropped(wm(200, 2), "2 click(s), 1 arrived");
    }

    @Test
    void dropsABatchWithAnExtraClick() {
        batcher.click(1, 100);
        batcher.click(1, 120);
        assertDropped(wm(200, 1), "1 click(s), 2 arrived");
    }

    @Test
    void dropsABatchWithACorruptedLineEvenIfCountsMatch() {
        batcher.click(1, 100);
        batcher.corrupt("bad CRC");
        assertDropped(wm(200, 1), "bad CRC");
    }

    @Test
    void dropsClicksOutOfOrderOrBeforeTheFloor() {
        wm(1_000, 0);
        batcher.click(1, 999);
        assertDropped(wm(2_000, 1), "before the watermark");
        batcher.click(1, 2_500);
        batcher.click(2, 2_400);
        assertDropped(wm(3_000, 2), "after one at");
    }

    @Test
    void dropsClicksAtOrAfterTheirWatermark() {
        batcher.click(1, 200);
        assertDropped(wm(200, 1), "not before its watermark");
    }

    @Test
    void dropsClicksOnChannelsTheDeviceDoesNotHave() {
        batcher.click(5, 100);
        assertDropped(wm(200, 1), "channel 5");
    }

    @Test
    void aWatermarkGoingBackIsDoubtButTheFloorStays() {
        wm(1_000, 0);
        assertDropped(wm(500, 0), "went back");
        assertEquals(1_000, batcher.floor());
    }

    @Test
    void nextBatchStartsClean() {
        batcher.click(1, 100);
        wm(200, 5);
        batcher.click(1, 300);
        ClickBatcher.Outcome o = wm(400, 1);
        assertNull(o.dropped());
        assertEquals(List.of(new ClickEvent(0, 300)), o.released());
    }

    @Test
    void discardForgetsUnconfirmedClicks() {
        batcher.click(1, 100);
        batcher.corrupt("x");
        assertEquals(1, batcher.discard());
        ClickBatcher.Outcome o = wm(200, 0);
        assertNull(o.dropped());
        assertTrue(o.released().isEmpty());
    }

    // ---- counting lost clicks exactly from the device's total ------------------------------------

    @Test
    void aReleasedBatchLosesNothing() {
        batcher.click(1, 100);
        batcher.click(2, 110);
        assertEquals(0, wm(200, 2).lostClicks());
    }

    @Test
    void linesLostOnTheWayAreCountedAtTheDevicesNumber() {
        batcher.click(1, 100); // the device sent 3, two were lost
        ClickBatcher.Outcome o = wm(200, 3);
        assertNotNull(o.dropped());
        assertEquals(3, o.lostClicks());
    }

    @Test
    void aLostWatermarkIsCaughtByTheTotalAndItsBatchCounted() {
        wm(0, 0); // the start marker
        batcher.click(1, 100);
        batcher.click(1, 120);
        total += 2;                      // the watermark for those two was lost on the line
        batcher.click(2, 300);
        ClickBatcher.Outcome o = wm(400, 1);
        assertNotNull(o.dropped());
        assertEquals(3, o.lostClicks(), "both batches, merged, are lost");
    }

    @Test
    void aLostWatermarkOfAnEmptyBatchWithLostLinesIsCaughtByTheTotal() {
        wm(0, 0); // the start marker
        total += 2;                      // two clicks and their watermark never arrived
        batcher.click(2, 300);
        ClickBatcher.Outcome o = wm(400, 1);
        assertTrue(o.dropped().contains("since the last watermark"), o.dropped());
        assertEquals(3, o.lostClicks());
    }

    @Test
    void clicksStreamedWhileTheLineWasDownAreCounted() {
        batcher.click(1, 100);
        wm(200, 1);
        batcher.click(1, 250);
        assertEquals(1, batcher.discard()); // the connection dropped mid-batch
        total += 1 + 40;                  // that batch's watermark and 40 more clicks went nowhere
        batcher.click(3, 9_000);
        ClickBatcher.Outcome o = wm(10_000, 1);
        assertEquals(42, o.lostClicks(), "the discarded click, the 40 unseen ones, and this batch");
        assertEquals(0, wm(11_000, 0).lostClicks());
    }

    @Test
    void aForgedClickIsNotCountedAsLost() {
        wm(0, 0); // the start marker
        batcher.click(1, 100);
        batcher.click(2, 150); // never sent by the device
        ClickBatcher.Outcome o = wm(200, 1);
        assertNotNull(o.dropped());
        assertEquals(1, o.lostClicks(), "only the device's click is lost");
    }

    @Test
    void aRestartCountsTheUnconfirmedClicksAndStartsTheTotalAgain() {
        batcher.click(1, 100);
        wm(200, 1);
        batcher.click(1, 300);
        batcher.click(1, 310);
        batcher.deviceRestarted();
        total = 0;
        batcher.click(2, 500);
        ClickBatcher.Outcome o = wm(600, 1);
        assertNull(o.dropped());
        assertEquals(2, o.lostClicks());
    }

    @Test
    void anUnannouncedRestartIsSeenInTheTotalGoingBack() {
        batcher.click(1, 100);
        batcher.click(1, 110);
        wm(200, 2);
        total = 0;
        batcher.click(2, 500);
        ClickBatcher.Outcome o = wm(600, 1);
        assertNull(o.dropped());
        assertEquals(0, o.lostClicks());
    }

    private static void assertDropped(ClickBatcher.Outcome o, String why) {
        assertNotNull(o.dropped(), "batch must be dropped");
        assertTrue(o.dropped().contains(why), o.dropped());
        assertTrue(o.released().isEmpty());
    }
}
