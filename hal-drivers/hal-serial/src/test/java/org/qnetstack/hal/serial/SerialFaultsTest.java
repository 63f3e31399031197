package org.qnetstack.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.serial.internal.StreamLine;
import reactor.core.Disposable;

/**
 * Every fault the driver must survive, each made by the emulator on a real pseudo-terminal: how the
 * driver copes, what it counts, and that a doubtful click report never becomes a click.
 */
class SerialFaultsTest extends PtyFixture {

    // ---- line endings and framing -----------------------------------------------------------------

    @Test
    void understandsCrlfLineEndings() throws Exception {
        device.emulator().faults().crlf(true);
        SerialDetectorController dc = open(FAST);
        assertEquals(4, dc.channelCount());
        dc.arm().block(WAIT);
        List<ClickEvent> clicks = nextClicks(8);
        CompletableFuture<List<ClickEvent>> got = expect(dc, clicks.size());
        produce(clicks);
        assertEquals(clicks, get(got));
        assertEquals(0, dc.stats().garbageLines());
    }

    @Test
    void assemblesLinesThatArriveInPieces() throws Exception {
        device.emulator().faults().splitLines(Duration.ofMillis(30)); // well inside the 400 ms timeout
        SerialDetectorController dc = open(FAST);
        dc.setCoincidenceWindow(2_000).block(WAIT);
        dc.arm().block(WAIT);
        List<ClickEvent> clicks = nextClicks(4);
        CompletableFuture<List<ClickEvent>> got = expect(dc, clicks.size());
        produce(clicks);
        assertEquals(clicks, get(got));
        assertEquals(0, dc.stats().garbageLines());
        assertEquals(0, dc.stats().timeouts());
    }

    @Test
    void throwsAwayALineThatIsNeverFinished() throws Exception {
        SerialDetectorController dc = open(FAST);
        // A device that died mid-line: half a click, then silence (disarmed: no heartbeats) beyond the timeout.
        device.emulator().sendRaw("#T 1,9".getBytes(StandardCharsets.US_ASCII));
        await(() -> dc.stats().garbageLines() >= 1, "the unfinished line counted as noise");
        dc.arm().block(WAIT);
        List<ClickEvent> clicks = nextClicks(3);
        CompletableFuture<List<ClickEvent>> got = expect(dc, clicks.size());
        produce(clicks);
        assertEquals(clicks, get(got), "the next lines are read afresh, not glued to the fragment");
        assertEquals(0, dc.stats().corruptLines());
    }

    @Test
    void countsGarbageBytesAndKeepsStreaming() throws Exception {
        SerialDetectorController dc = open(FAST);
        dc.arm().block(WAIT);
        List<ClickEvent> clicks = nextClicks(6);
        CompletableFuture<List<ClickEvent>> got = expect(dc, clicks.size());
        device.emulator().sendRaw(new byte[] {0x00, (byte) 0xFF, 0x07, 'x', '\n', (byte) 0x9B, '\r', '\n'});
        produce(clicks.subList(0, 3));
        device.emulator().sendRaw(new byte[] {(byte) 0xFE, (byte) 0xFE, '\n'});
        produce(clicks.subList(3, 6));
        assertEquals(clicks, get(got));
        await(() -> dc.stats().garbageLines() >= 3, "three noise lines counted");
        assertEquals(0, dc.stats().droppedBatches(), "noise between batches costs no clicks");
        assertEquals(4, dc.counters().block(WAIT).clicksPerChannel().size(), "commands still work");
    }

    // ---- click reports in doubt -------------------------------------------------------------------

    @Test
    void withholdsABatchWithACorruptedClickLine() throws Exception {
        assertBatchWithheld(() -> device.emulator().faults().corruptNextClicks(1));
    }

    @Test
    void withholdsABatchWithALostClickLine() throws Exception {
        assertBatchWithheld(() -> device.emulator().faults().dropNextClicks(1));
    }

    @Test
    void neverDeliversAnInjectedClickLine() throws Exception {
        SerialDetectorController dc = open(FAST);
        dc.arm().block(WAIT);
        List<ClickEvent> got = new CopyOnWriteArrayList<>();
        dc.clicks().subscribe(got::add);
        AtomicLong confirmed = new AtomicLong();
        dc.watermarks().subscribe(confirmed::set);
        List<ClickEvent> clicks = nextClicks(10);
        // A well-formed click with a valid CRC that the device never counted: whichever batch it lands in
        // (the next one, or a heartbeat's), the watermark's count gives it away.
        ClickEvent forged = new ClickEvent(1, clicks.get(2).timePs() + 500);
        device.emulator().sendRaw((StreamLine.click(2, forged.timePs()) + "\n").getBytes(StandardCharsets.US_ASCII));
        produce(clicks.subList(0, 5));
        produce(clicks.subList(5, 10));
        long end = clicks.get(9).timePs();
        await(() -> confirmed.get() > end, "both batches confirmed by a watermark");
        assertEquals(1, dc.stats().droppedBatches());
        assertFalse(got.contains(forged), "the forged click was delivered");
        assertTrue(got.equals(clicks) || got.equals(clicks.subList(5, 10)), "only real clicks, whole batches: " + got);
    }

    /** The fault hits the first of two batches: only the second may come through, and nothing else. */
    private void assertBatchWithheld(Runnable fault) throws Exception {
        SerialDetectorController dc = open(FAST);
        dc.arm().block(WAIT);
        List<ClickEvent> doubtful = nextClicks(5);
        List<ClickEvent> good = nextClicks(5);
        CompletableFuture<List<ClickEvent>> got = expect(dc, good.size());
        fault.run();
        produce(doubtful);
        produce(good);
        assertEquals(good, get(got));
        assertEquals(1, dc.stats().droppedBatches());
        assertEquals(good.size(), dc.stats().deliveredClicks());
    }

    @Test
    void aNoisyLineNeverYieldsAWrongClick() throws Exception {
        device.emulator().faults().noiseEvery(3);
        SerialDetectorController dc = open("timeout=400&retries=8&backoff=20&reconnect=4000&heartbeat=3000");
        dc.arm().block(WAIT);
        List<ClickEvent> got = new CopyOnWriteArrayList<>();
        Disposable sub = dc.clicks().subscribe(got::add);
        List<ClickEvent> produced = new ArrayList<>();
        for (int batch = 0; batch < 60; batch++) {
            List<ClickEvent> clicks = nextClicks(1 + batch % 4);
            produced.addAll(clicks);
            produce(clicks);
        }
        device.emulator().faults().noiseEvery(0);
        List<ClickEvent> after = nextClicks(3);
        produced.addAll(after);
        CompletableFuture<List<ClickEvent>> clean = expect(dc, after.size());
        produce(after);
        assertEquals(after, get(clean), "once the line is quiet again, clicks come through");
        dc.disarm().block(WAIT);
        sub.dispose();
        Set<ClickEvent> real = new HashSet<>(produced);
        for (int i = 0; i < got.size(); i++) {
            assertTrue(real.contains(got.get(i)), "delivered a click that was never produced: " + got.get(i));
            assertTrue(i == 0 || got.get(i).timePs() > got.get(i - 1).timePs(), "order or duplicates at " + got.get(i));
        }
        SerialStats s = dc.stats();
        assertTrue(s.garbageLines() > 0 && s.droppedBatches() > 0, "the noise did hit: " + s);
    }

    // ---- replies ----------------------------------------------------------------------------------

    @Test
    void resendsACommandAnsweredWithSomethingElse() {
        SerialDetectorController dc = open(FAST);
        device.emulator().faults().replaceNextReply("HELLO WORLD");
        assertEquals(4, dc.counters().block(WAIT).clicksPerChannel().size());
        assertEquals(1, dc.stats().unexpectedReplies());
        assertEquals(1, dc.stats().retries());
    }

    @Test
    void reportsAnUnexpectedReplyWhenNotAllowedToResend() {
        SerialDetectorController dc = open(FAST + "&retries=0");
        device.emulator().faults().replaceNextReply("HELLO WORLD");
        UnexpectedReplyException e = assertThrows(UnexpectedReplyException.class, () -> dc.counters().block(WAIT));
        assertEquals("HELLO WORLD", e.reply());
        assertEquals("COUN?;COUN:COIN?", e.command());
        assertEquals(4, dc.counters().block(WAIT).clicksPerChannel().size(), "the next command is in step again");
    }

    @Test
    void resendsAGarbledSuccessInsteadOfReportingADeviceError() {
        SerialDetectorController dc = open(FAST);
        device.emulator().faults().replaceNextReply("3000;1030,\"No error\""); // "0" with two bits flipped
        dc.setCoincidenceWindow(3_000).block(WAIT);
        assertEquals(3_000, dc.coincidenceWindowPs());
        assertEquals(1, dc.stats().unexpectedReplies());
        assertEquals(1, dc.stats().retries());
    }

    @Test
    void neverBelievesAReadingTheSecondReadingContradicts() {
        SerialDetectorController dc = open(FAST);
        device.emulator().faults().replaceNextReply("1,1,0,0;0;0,1,0,0;0;0,\"No error\"");
        assertEquals(List.of(0L, 0L, 0L, 0L), dc.counters().block(WAIT).clicksPerChannel());
        assertEquals(1, dc.stats().unexpectedReplies());
    }

    @Test
    void neverWritesBackASettingTheUserDidNotChange() throws Exception {
        device.emulator().frontPanel("INP4:DEL 42");
        SerialDetectorController dc = open(FAST);
        assertEquals(42, dc.channelSettings(3).delayPs());
        dc.setThreshold(1, 0.3).then(dc.arm()).block(WAIT);
        device.emulator().powerCycle(true);
        await(() -> dc.stats().reconnects() >= 1, "recovery after the restart notice");
        assertEquals("0.3000;0;1", device.emulator().frontPanel("INP2:THR?;INP4:DEL?;ACQ:STAT?"),
                "the user's threshold is restored; the delay the user never set stays at the device's default");
        assertEquals(0, dc.channelSettings(3).delayPs(), "the driver reports what the device holds");
    }

    @Test
    void countsEveryClickLostWhileTheConnectionWasDown() throws Exception {
        SerialDetectorController dc = open(FAST);
        dc.arm().block(WAIT);
        produce(nextClicks(6));
        await(() -> dc.stats().deliveredClicks() == 6, "the first clicks");
        device.emulator().dropConnection();
        await(() -> !device.pluggedIn(), "the port is gone");
        for (int batch = 0; batch < 7; batch++) {
            produce(nextClicks(4)); // the device is still armed and streams them into the void
        }
        device.plugIn();
        await(() -> dc.stats().reconnects() >= 1, "reconnection");
        produce(nextClicks(3));
        long sent = java.util.Arrays.stream(device.emulator().frontPanel("COUN?").split(","))
                .mapToLong(Long::parseLong).sum();
        await(() -> dc.stats().deliveredClicks() + dc.stats().droppedClicks() == sent,
                "delivered + lost = " + sent + " sent by the device: " + dc.stats());
        assertEquals(28, dc.stats().droppedClicks(), "the 7 batches of 4 streamed while disconnected");
    }

    @Test
    void resendsACommandTheLineGarbled() {
        SerialDetectorController dc = open(FAST);
        device.emulator().faults().garbleNextCommands(1);
        dc.setCoincidenceWindow(3_000).block(WAIT);
        assertEquals("3000", device.emulator().frontPanel("COIN:WIND?"));
        assertEquals(1, dc.stats().retries());
    }

    @Test
    void reportsACommandErrorWhenNotAllowedToResend() {
        SerialDetectorController dc = open(FAST + "&retries=0");
        device.emulator().faults().garbleNextCommands(1);
        DeviceErrorException e = assertThrows(DeviceErrorException.class, () -> dc.setCoincidenceWindow(3_000).block(WAIT));
        assertEquals(-102, e.code());
        assertEquals(1000, dc.coincidenceWindowPs());
    }

    @Test
    void resendsACommandWhoseReplyIsLate() {
        SerialDetectorController dc = open(FAST);
        device.emulator().faults().delayNextReply(Duration.ofMillis(600)); // the timeout is 400 ms
        dc.setCoincidenceWindow(3_000).block(WAIT);
        assertEquals(3_000, dc.coincidenceWindowPs());
        assertTrue(dc.stats().timeouts() >= 1);
        assertTrue(dc.stats().strayLines() >= 1, "the late reply was recognised as stale, not taken for the next");
        assertEquals(4, dc.counters().block(WAIT).clicksPerChannel().size());
    }

    @Test
    void timesOutTypedWhenNotAllowedToResend() {
        SerialDetectorController dc = open(FAST + "&retries=0");
        device.emulator().faults().delayNextReply(Duration.ofMillis(600));
        CommandTimeoutException e = assertThrows(CommandTimeoutException.class, () -> dc.counters().block(WAIT));
        assertEquals("COUN?;COUN:COIN?", e.command());
        assertEquals(4, dc.counters().block(WAIT).clicksPerChannel().size(), "the late reply was not taken for this one");
    }

    @Test
    void givesUpTypedOnADeviceThatStopsAnswering() throws Exception {
        SerialDetectorController dc = open("timeout=200&retries=1&backoff=20&reconnect=600");
        AtomicReference<Throwable> streamEnd = new AtomicReference<>();
        dc.clicks().subscribe(c -> { }, streamEnd::set);
        device.emulator().faults().mute(true);
        assertThrows(DeviceUnavailableException.class, () -> dc.counters().block(WAIT));
        await(() -> streamEnd.get() != null, "the click stream ends");
        assertInstanceOf(DeviceUnavailableException.class, streamEnd.get());
        DeviceUnavailableException later = assertThrows(DeviceUnavailableException.class, () -> dc.arm().block(WAIT));
        assertTrue(later.getMessage().contains("not back"), later.getMessage());
    }

    // ---- restarts and lost devices ----------------------------------------------------------------

    @Test
    void restoresSettingsAndReArmsAfterTheDeviceRestarts() throws Exception {
        SerialDetectorController dc = open(FAST);
        configureAndArm(dc);
        device.emulator().powerCycle(true);
        await(() -> dc.stats().reconnects() >= 1, "recovery after the restart notice");
        assertEquals(1, dc.stats().deviceRestarts());
        assertRestoredAndStreaming(dc);
    }

    @Test
    void noticesAnUnannouncedRestartByTheMissingHeartbeat() throws Exception {
        SerialDetectorController dc = open("timeout=400&backoff=20&reconnect=4000&heartbeat=400");
        configureAndArm(dc);
        device.emulator().powerCycle(false);
        await(() -> dc.stats().reconnects() >= 1, "recovery after the heartbeat stopped");
        assertEquals(0, dc.stats().deviceRestarts());
        assertRestoredAndStreaming(dc);
    }

    @Test
    void reconnectsWhenThePortDisappearsAndComesBack() throws Exception {
        SerialDetectorController dc = open(FAST);
        configureAndArm(dc);
        device.unplug();
        Thread.sleep(150);
        device.plugIn();
        await(() -> dc.stats().reconnects() >= 1, "reconnection");
        assertRestoredAndStreaming(dc);
    }

    @Test
    void reconnectsWhenTheDeviceDropsTheConnection() throws Exception {
        SerialDetectorController dc = open(FAST);
        configureAndArm(dc);
        device.emulator().dropConnection(); // the bridge sees the end and the port disappears
        await(() -> !device.pluggedIn(), "the port is gone");
        device.plugIn();
        await(() -> dc.stats().reconnects() >= 1, "reconnection");
        assertRestoredAndStreaming(dc);
    }

    @Test
    void givesUpTypedWhenThePortStaysAway() throws Exception {
        SerialDetectorController dc = open("timeout=300&backoff=20&reconnect=500");
        dc.arm().block(WAIT);
        AtomicReference<Throwable> streamEnd = new AtomicReference<>();
        dc.clicks().subscribe(c -> { }, streamEnd::set);
        device.unplug();
        await(() -> streamEnd.get() != null, "the click stream ends");
        DeviceUnavailableException e = assertInstanceOf(DeviceUnavailableException.class, streamEnd.get());
        assertTrue(e.getMessage().contains("not back after"), e.getMessage());
        assertFalse(dc.isArmed());
        assertThrows(DeviceUnavailableException.class, () -> dc.counters().block(WAIT));
        dc.close(); // still closes cleanly
    }

    private void configureAndArm(SerialDetectorController dc) {
        dc.setCoincidenceWindow(4_000).then(dc.setThreshold(2, 0.3)).then(dc.setDelay(3, 250))
                .then(dc.setEdge(1, Edge.FALLING)).then(dc.arm()).block(WAIT);
    }

    private void assertRestoredAndStreaming(SerialDetectorController dc) throws Exception {
        assertTrue(dc.isArmed());
        assertEquals("4000;0.3000;250;FALL;1", device.emulator().frontPanel("COIN:WIND?;INP3:THR?;INP4:DEL?;INP2:EDGE?;ACQ:STAT?"),
                "the device has the driver's settings again and is armed");
        List<ClickEvent> clicks = List.of(new ClickEvent(0, device.clicks().watermarkPs() + 1_000));
        CompletableFuture<List<ClickEvent>> got = expect(dc, 1);
        produce(clicks);
        assertEquals(clicks, get(got));
    }
}
