package org.qnetstack.hal.serial.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.hal.ClickEvent;

class ClickSourcesTest {
    private static final Duration SHORT = Duration.ofMillis(5);

    @Test
    void batchesMustBeOrderedAndBeforeTheirWatermark() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClickSource.Batch(List.of(new ClickEvent(0, 5), new ClickEvent(0, 4)), 10));
        assertThrows(IllegalArgumentException.class, () -> new ClickSource.Batch(List.of(new ClickEvent(0, 10)), 10));
        assertEquals(11, ClickSource.Batch.closing(List.of(new ClickEvent(0, 10)), 0).watermarkPs());
        assertEquals(7, ClickSource.Batch.closing(List.of(), 7).watermarkPs());
    }

    @Test
    void scriptPlaysOnceFromTheFirstArmingKeepingEqualTagsTogether() throws Exception {
        List<ClickEvent> clicks = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            clicks.add(new ClickEvent(i % 2, 1000L * (i / 2))); // pairs of equal tags
        }
        ScriptedClickSource source = new ScriptedClickSource(clicks);
        assertNull(source.next(SHORT), "nothing before arming");
        source.acquisitionStarted(0);
        List<ClickEvent> played = new ArrayList<>();
        long watermark = 0;
        ClickSource.Batch b;
        while ((b = source.next(SHORT)) != null) {
            assertTrue(b.clicks().size() <= ScriptedClickSource.BATCH);
            assertTrue(b.clicks().isEmpty() || b.clicks().get(0).timePs() >= watermark, "time moves forward");
            watermark = b.watermarkPs();
            played.addAll(b.clicks());
        }
        assertEquals(clicks, played);
        assertEquals(0, source.remaining());
    }

    @Test
    void readsScriptFilesAndNamesBadLines(@TempDir Path dir) throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.txt"), "# channel ps\n0 100\n\n1,200\n 1  200 \n");
        ScriptedClickSource s = ScriptedClickSource.fromFile(ok);
        s.acquisitionStarted(0);
        ClickSource.Batch b = s.next(SHORT);
        assertNotNull(b);
        assertEquals(List.of(new ClickEvent(0, 100), new ClickEvent(1, 200), new ClickEvent(1, 200)), b.clicks());

        Path bad = Files.writeString(dir.resolve("bad.txt"), "0 100\n1 50\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScriptedClickSource.fromFile(bad));
        assertTrue(e.getMessage().contains("bad.txt:2"), e.getMessage());
        Path words = Files.writeString(dir.resolve("words.txt"), "zero 100\n");
        assertThrows(IllegalArgumentException.class, () -> ScriptedClickSource.fromFile(words));
    }

    @Test
    void queueRefusesToGoBackAndReportsConsumption() throws Exception {
        QueueClickSource q = new QueueClickSource();
        ClickSource.Batch first = q.offer(List.of(new ClickEvent(0, 100)));
        assertEquals(101, q.watermarkPs());
        assertThrows(IllegalArgumentException.class, () -> q.offer(List.of(new ClickEvent(0, 50))));
        assertFalse(q.awaitConsumed(SHORT));
        assertEquals(first, q.next(SHORT));
        q.consumed(first);
        assertTrue(q.awaitConsumed(SHORT));
    }
}
