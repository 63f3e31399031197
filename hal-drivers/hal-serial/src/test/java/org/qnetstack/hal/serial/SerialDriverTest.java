package org.qnetstack.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.DetectorCounters;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.serial.emulator.EmulatedDevice;

/** The driver's ordinary work, against the emulator through a pseudo-terminal. */
class SerialDriverTest extends PtyFixture {
    @Test
    void opensByUriThroughTheServiceLoader() {
        DetectorController dc = Drivers.openDetectorController(device.uri("baud=115200"), loop);
        try {
            SerialDetectorController s = assertInstanceOf(SerialDetectorController.class, dc);
            assertEquals(device.emulator().identity(), s.identity());
            assertEquals(4, s.channelCount());
            assertEquals(1000, s.coincidenceWindowPs());
            assertEquals(new ChannelSettings(0.1, 0, Edge.RISING), s.channelSettings(3));
            assertFalse(s.isArmed());
        } finally {
            dc.close();
        }
    }

    @Test
    void setsAndRemembersChannelSettings() {
        SerialDetectorController dc = open("");
        dc.setThreshold(2, -0.25).block(WAIT);
        dc.setDelay(1, 500).block(WAIT);
        dc.setEdge(0, Edge.FALLING).block(WAIT);
        dc.setCoincidenceWindow(5_000).block(WAIT);
        assertEquals(new ChannelSettings(-0.25, 0, Edge.RISING), dc.channelSettings(2));
        assertEquals(new ChannelSettings(0.1, 500, Edge.RISING), dc.channelSettings(1));
        assertEquals(new ChannelSettings(0.1, 0, Edge.FALLING), dc.channelSettings(0));
        assertEquals("-0.2500;500;FALL;5000", device.emulator().frontPanel("INP3:THR?;INP2:DEL?;INP1:EDGE?;COIN:WIND?"));
        assertThrows(IllegalArgumentException.class, () -> dc.setDelay(4, 1).block(WAIT), "channels are 0 to 3");
        assertThrows(IllegalArgumentException.class, () -> dc.setThreshold(0, Double.NaN).block(WAIT));
    }

    @Test
    void aNewControllerLearnsTheDevicesSettings() {
        device.emulator().frontPanel("INP4:THR 1.5;INP4:DEL 42;INP4:EDGE FALL;COIN:WIND 777");
        SerialDetectorController dc = open("");
        assertEquals(new ChannelSettings(1.5, 42, Edge.FALLING), dc.channelSettings(3));
        assertEquals(777, dc.coincidenceWindowPs());
    }

    @Test
    void surfacesARejectedCommandWithTheDevicesCodeAndText() {
        SerialDetectorController dc = open("");
        DeviceErrorException e = assertThrows(DeviceErrorException.class, () -> dc.setThreshold(1, 5.0).block(WAIT));
        assertEquals(-222, e.code());
        assertEquals("Data out of range", e.deviceMessage());
        assertEquals("INP2:THR 5.0000", e.command());
        assertEquals(new ChannelSettings(0.1, 0, Edge.RISING), dc.channelSettings(1), "a rejected setting is not kept");
        DeviceErrorException w = assertThrows(DeviceErrorException.class, () -> dc.setCoincidenceWindow(0).block(WAIT));
        assertEquals(-222, w.code());
        assertEquals(1000, dc.coincidenceWindowPs());
        // The error does not linger in the queue to fail the next command.
        assertEquals(4, dc.counters().block(WAIT).clicksPerChannel().size());
    }

    @Test
    void deliversClicksAndCountsThem() throws Exception {
        SerialDetectorController dc = open("");
        dc.arm().block(WAIT);
        List<ClickEvent> clicks = nextClicks(12);
        CompletableFuture<List<ClickEvent>> got = expect(dc, clicks.size());
        produce(clicks);
        assertEquals(clicks, get(got));
        DetectorCounters counters = dc.counters().block(WAIT);
        assertEquals(List.of(3L, 3L, 3L, 3L), counters.clicksPerChannel());
        assertEquals(12, dc.stats().deliveredClicks());
    }

    @Test
    void addsChannelDelaysToTimeTags() throws Exception {
        SerialDetectorController dc = open("");
        dc.setDelay(1, 300).block(WAIT);
        dc.arm().block(WAIT);
        CompletableFuture<List<ClickEvent>> got = expect(dc, 3);
        // Delayed tags may pass the source's watermark: the device holds them until a later one passes them.
        produce(List.of(new ClickEvent(0, 10_000), new ClickEvent(1, 10_000)));
        produce(List.of(new ClickEvent(2, 20_000)));
        assertEquals(List.of(new ClickEvent(0, 10_000), new ClickEvent(1, 10_300), new ClickEvent(2, 20_000)), get(got));
    }

    @Test
    void completesCommandsAndDeliversClicksOnTheNodeLoop() throws Exception {
        SerialDetectorController dc = open("");
        assertEquals(Boolean.TRUE, dc.arm().then(reactor.core.publisher.Mono.fromCallable(loop::inLoop)).block(WAIT));
        CompletableFuture<Boolean> onLoop = dc.clicks().next().map(c -> loop.inLoop()).toFuture();
        produce(nextClicks(1));
        assertEquals(Boolean.TRUE, get(onLoop));
    }

    @Test
    void watermarksFollowTheClicksTheyConfirm() throws Exception {
        SerialDetectorController dc = open("");
        dc.arm().block(WAIT);
        List<ClickEvent> clicks = nextClicks(3);
        long last = clicks.get(2).timePs();
        CompletableFuture<Long> mark = dc.watermarks().filter(w -> w > last).next().toFuture();
        produce(clicks);
        assertEquals(last + 1, get(mark));
        assertEquals(3, dc.stats().deliveredClicks(), "clicks are released before the watermark that confirms them");
    }

    @Test
    void resetDeviceRestoresDefaults() {
        SerialDetectorController dc = open("");
        dc.setThreshold(0, 1.0).then(dc.setCoincidenceWindow(9_000)).then(dc.arm()).block(WAIT);
        dc.resetDevice().block(WAIT);
        assertFalse(dc.isArmed());
        assertFalse(device.emulator().isArmed());
        assertEquals(1000, dc.coincidenceWindowPs());
        assertEquals(new ChannelSettings(0.1, 0, Edge.RISING), dc.channelSettings(0));
    }

    @Test
    void closingDisarmsTheDeviceAndFreesThePort() {
        SerialDetectorController dc = open("");
        dc.arm().block(WAIT);
        assertTrue(device.emulator().isArmed());
        dc.close();
        assertFalse(device.emulator().isArmed(), "closing leaves the device disarmed");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("qnetstack-serial-")),
                "the controller's threads are gone");
        SerialDetectorController again = open(""); // the exclusive lock on the port was released
        assertEquals(4, again.channelCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> dc.counters().block(WAIT));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void handlesADeviceWithTheMostInputs() throws Exception {
        java.nio.file.Path big = java.nio.file.Files.createDirectory(dir.resolve("big"));
        try (EmulatedDevice wide = EmulatedDevice.start(big, 64);
             SerialDetectorController dc = SerialDetectorController.open(wide.uri(FAST), loop)) {
            assertEquals(64, dc.channelCount());
            dc.setThreshold(63, 1.25).then(dc.arm()).block(WAIT);
            CompletableFuture<List<ClickEvent>> got = expect(dc, 1);
            wide.clicks().offer(List.of(new ClickEvent(63, 1_000)));
            assertEquals(List.of(new ClickEvent(63, 1_000)), get(got));
            assertEquals(64, dc.counters().block(WAIT).clicksPerChannel().size());
            wide.emulator().powerCycle(true);
            await(() -> dc.stats().reconnects() >= 1, "recovery after the restart");
            assertEquals("1.2500;1", wide.emulator().frontPanel("INP64:THR?;ACQ:STAT?"), "restored, one input a line");
        }
    }

    @Test
    void openingAPortThatIsNotThereFailsTyped() {
        URI nowhere = URI.create("serial:" + dir.resolve("no-such-tty") + "?reconnect=100&backoff=10");
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
                () -> SerialDetectorController.open(nowhere, loop));
        assertTrue(e.getMessage().contains("cannot open"), e.getMessage());
    }

    @Test
    void theFixtureIsARealPty() throws Exception {
        assertTrue(java.nio.file.Files.isSymbolicLink(device.tty()));
        assertTrue(java.nio.file.Files.readSymbolicLink(device.tty()).toString().startsWith("/dev/pts/"),
                "the driver talks to a kernel pseudo-terminal, not a mock");
    }
}
