package org.qnetstack.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.realtime.NodeEventLoop;
import org.qnetstack.hal.serial.emulator.EmulatedDevice;
import org.qnetstack.hal.serial.emulator.PtyBridge;
import org.qnetstack.hal.tck.DetectorControllerConformance;

/**
 * The serial driver under the HAL conformance kit, as a hardware team would run it: opened by URI
 * through {@link Drivers}, talking to the emulator through a socat pseudo-terminal. The emulator can
 * replay chosen clicks, so the kit checks them exactly.
 */
class SerialDetectorControllerConformanceTest extends DetectorControllerConformance {
    @TempDir
    Path dir;
    private EmulatedDevice device;
    private NodeEventLoop loop;

    @BeforeEach
    void startEmulatorBehindPty() throws Exception {
        assumeTrue(PtyBridge.socatAvailableOrFailOnCi(), PtyBridge.SOCAT_MISSING);
        loop = NodeEventLoop.start("tck-node-loop");
        device = EmulatedDevice.start(dir, 4, Duration.ofMillis(50));
    }

    @AfterEach
    void stopEmulator() {
        if (device != null) {
            device.close();
        }
        if (loop != null) {
            loop.close();
        }
    }

    @Override
    protected DetectorController newController() {
        return Drivers.openDetectorController(device.uri("timeout=1000"), loop);
    }

    @Override
    protected void produceClicks(DetectorController controller, List<ClickEvent> clicks) throws Exception {
        device.clicks().offer(clicks);
        assertTrue(device.clicks().awaitConsumed(timeout()), "the emulator did not take the clicks in");
    }

    @Override
    protected void assertResourcesReleased(DetectorController closed) {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("qnetstack-serial-")),
                "the controller's threads must have stopped");
        try (DetectorController again = newController()) { // the port's exclusive lock was released
            assertEquals(closed.identity(), again.identity());
        }
    }
}
