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

    @Test
    void releasesAConfirmedBatchWithChannelsFromZero() {
        batcher.click(1, 100);
        batcher.click(2, 100);
        batcher.click(4, 150);
        ClickBatcher.Outcome o = batcher.watermark(200, 3);
        assertNull(o.dropped());
        assertEquals(List.of(new ClickEvent(0, 100), new ClickEvent(1, 100), new ClickEvent(3, 150)), o.released());
        assertEquals(200, o.watermarkPs());
    }

    @Test
    void dropsABatchWithAMissingClick() {
        batcher.click(1, 100);
        assertDropped(batcher.watermark(200, 2), "2 click(s), 1 arrived");
    }

    @Test
    void dropsABatchWithAnExtraClick() {
        batcher.click(1, 100);
        batcher.click(1, 120);
        assertDropped(batcher.watermark(200, 1), "1 click(s), 2 arrived");
    }

    @Test
    void dropsABatchWithACorruptedLineEvenIfCountsMatch() {
        batcher.click(1, 100);
        batcher.corrupt("bad CRC");
        assertDropped(batcher.watermark(200, 1), "bad CRC");
    }

    @Test
    void dropsClicksOutOfOrderOrBeforeTheFloor() {
        batcher.watermark(1_000, 0);
        batcher.click(1, 999);
        assertDropped(batcher.watermark(2_000, 1), "before the watermark");
        batcher.click(1, 2_500);
        batcher.click(2, 2_400);
        assertDropped(batcher.watermark(3_000, 2), "after one at");
    }

    @Test
    void dropsClicksAtOrAfterTheirWatermark() {
        batcher.click(1, 200);
        assertDropped(batcher.watermark(200, 1), "not before its watermark");
    }

    @Test
    void dropsClicksOnChannelsTheDeviceDoesNotHave() {
        batcher.click(5, 100);
        assertDropped(batcher.watermark(200, 1), "channel 5");
    }

    @Test
    void aWatermarkGoingBackIsDoubtButTheFloorStays() {
        batcher.watermark(1_000, 0);
        assertDropped(batcher.watermark(500, 0), "went back");
        assertEquals(1_000, batcher.floor());
    }

    @Test
    void nextBatchStartsClean() {
        batcher.click(1, 100);
        batcher.watermark(200, 5);
        batcher.click(1, 300);
        ClickBatcher.Outcome o = batcher.watermark(400, 1);
        assertNull(o.dropped());
        assertEquals(List.of(new ClickEvent(0, 300)), o.released());
    }

    @Test
    void discardForgetsUnconfirmedClicks() {
        batcher.click(1, 100);
        batcher.corrupt("x");
        assertEquals(1, batcher.discard());
        ClickBatcher.Outcome o = batcher.watermark(200, 0);
        assertNull(o.dropped());
        assertTrue(o.released().isEmpty());
    }

    private static void assertDropped(ClickBatcher.Outcome o, String why) {
        assertNotNull(o.dropped(), "batch must be dropped");
        assertTrue(o.dropped().contains(why), o.dropped());
        assertTrue(o.released().isEmpty());
    }
}
