package org.qnetstack.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.realtime.NodeEventLoop;
import org.qnetstack.hal.serial.emulator.DetectorEmulator;
import org.qnetstack.hal.serial.emulator.PtyBridge;
import org.qnetstack.hal.serial.emulator.QueueClickSource;

/** The emulator on a serial line itself (its {@code --tty} mode): a pty pair, emulator on one end, driver on the other. */
class EmulatorOnASerialLineTest {
    @TempDir
    Path dir;
    private PtyBridge cable;
    private DetectorEmulator emulator;
    private SerialDetectorController dc;
    private NodeEventLoop loop;

    @AfterEach
    void stop() {
        if (dc != null) {
            dc.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (cable != null) {
            cable.close();
        }
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    void driverAndEmulatorTalkOverAPtyPair() throws Exception {
        assumeTrue(PtyBridge.socatAvailableOrFailOnCi(), PtyBridge.SOCAT_MISSING);
        cable = PtyBridge.pair(dir.resolve("ttyV0"), dir.resolve("ttyV1"), Duration.ofSeconds(10));
        QueueClickSource source = new QueueClickSource();
        emulator = new DetectorEmulator(2, source, Duration.ofMillis(50), 3);
        emulator.serveSerial(dir.resolve("ttyV1").toString(), 115_200);
        loop = NodeEventLoop.start("test-node-loop");
        dc = SerialDetectorController.open(java.net.URI.create("serial:" + dir.resolve("ttyV0") + "?timeout=500"), loop);
        assertEquals(emulator.identity(), dc.identity());
        assertEquals(2, dc.channelCount());
        dc.arm().block(Duration.ofSeconds(10));
        List<ClickEvent> clicks = List.of(new ClickEvent(0, 5_000), new ClickEvent(1, 5_000), new ClickEvent(1, 9_000));
        var got = dc.clicks().take(clicks.size()).collectList().toFuture();
        source.offer(clicks);
        assertEquals(clicks, got.get(10, TimeUnit.SECONDS));
        assertEquals(1, dc.counters().block(Duration.ofSeconds(10)).coincidences());
    }
}
