package org.qnetstack.hal.serial;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.realtime.NodeEventLoop;
import org.qnetstack.hal.serial.emulator.EmulatedDevice;
import org.qnetstack.hal.serial.emulator.PtyBridge;

/**
 * The driver against the emulator through a real pseudo-terminal made by socat. Skips when socat is
 * missing on a developer's machine, fails when it is missing under CI. Everything started is stopped
 * after each test; every wait is bounded by {@link #WAIT}.
 */
abstract class PtyFixture {
    static final Duration WAIT = Duration.ofSeconds(15);
    /** Short enough for quick fault tests, long enough for a loaded CI machine. */
    static final String FAST = "timeout=400&backoff=20&reconnect=4000&heartbeat=1500";

    @TempDir
    Path dir;
    EmulatedDevice device;
    NodeEventLoop loop;
    private final List<SerialDetectorController> opened = new ArrayList<>();
    private long nextPs = 1_000_000;

    @BeforeEach
    void startEmulatorBehindPty() throws IOException {
        assumeTrue(PtyBridge.socatAvailableOrFailOnCi(), PtyBridge.SOCAT_MISSING);
        loop = NodeEventLoop.start("test-node-loop");
        device = EmulatedDevice.start(dir, 4, Duration.ofMillis(50));
    }

    @AfterEach
    void stopEverything() {
        opened.forEach(SerialDetectorController::close);
        if (device != null) {
            device.close();
        }
        if (loop != null) {
            loop.close();
        }
    }

    SerialDetectorController open(String query) {
        SerialDetectorController c = SerialDetectorController.open(device.uri(query), loop);
        opened.add(c);
        return c;
    }

    /** The next n clicks, 1 µs apart, round the four channels. */
    List<ClickEvent> nextClicks(int n) {
        List<ClickEvent> clicks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clicks.add(new ClickEvent(i % 4, nextPs));
            nextPs += 1_000_000;
        }
        return clicks;
    }

    /** Hands clicks to the device and waits until it has taken them in. */
    void produce(List<ClickEvent> clicks) throws InterruptedException {
        device.clicks().offer(clicks);
        assertTrue(device.clicks().awaitConsumed(WAIT), "emulator did not take the clicks in");
    }

    /** The next n clicks the controller delivers, subscribed now. */
    static CompletableFuture<List<ClickEvent>> expect(SerialDetectorController dc, int n) {
        return dc.clicks().take(n).collectList().toFuture();
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT.toMillis() + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }
}
