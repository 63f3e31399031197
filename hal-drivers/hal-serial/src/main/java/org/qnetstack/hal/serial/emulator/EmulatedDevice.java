package org.qnetstack.hal.serial.emulator;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An emulated detector controller behind a real pseudo-terminal: the emulator on a loopback TCP port and
 * a {@link PtyBridge} giving it a serial-port path. What tests, demos and a simulated network need to
 * run the real serial driver without hardware. Needs {@code socat}.
 *
 * <pre>{@code
 * try (EmulatedDevice dev = EmulatedDevice.start(dir, 4);
 *      DetectorController dc = Drivers.openDetectorController(dev.uri(""), scheduler)) {
 *     dc.arm().block();
 *     dev.clicks().offer(List.of(new ClickEvent(0, 1_000)));
 * }
 * }</pre>
 */
public final class EmulatedDevice implements AutoCloseable {
    private static final Duration BRIDGE_TIMEOUT = Duration.ofSeconds(10);

    private final DetectorEmulator emulator;
    private final QueueClickSource clicks;
    private final Path tty;
    private final int port;
    private @Nullable PtyBridge bridge;

    private EmulatedDevice(DetectorEmulator emulator, QueueClickSource clicks, Path tty, int port) {
        this.emulator = emulator;
        this.clicks = clicks;
        this.tty = tty;
        this.port = port;
    }

    /** An emulator with {@code channels} inputs fed by a {@link QueueClickSource}, at {@code dir/ttyEMU}. */
    public static EmulatedDevice start(Path dir, int channels) throws IOException {
        return start(dir, channels, DetectorEmulator.DEFAULT_HEARTBEAT);
    }

    public static EmulatedDevice start(Path dir, int channels, Duration heartbeat) throws IOException {
        QueueClickSource clicks = new QueueClickSource();
        DetectorEmulator emulator = new DetectorEmulator(channels, clicks, heartbeat, 1);
        EmulatedDevice d;
        try {
            d = new EmulatedDevice(emulator, clicks, dir.resolve("ttyEMU"), emulator.serveTcp(0));
            d.plugIn();
        } catch (IOException | RuntimeException e) {
            emulator.close();
            throw e;
        }
        return d;
    }

    public DetectorEmulator emulator() {
        return emulator;
    }

    /** Feed clicks to the device here. */
    public QueueClickSource clicks() {
        return clicks;
    }

    /** The serial port's path (a symbolic link to the pty). */
    public Path tty() {
        return tty;
    }

    /** The driver URI, {@code serial:<tty>} plus the given query ({@code "timeout=500&retries=0"}, or ""). */
    public URI uri(String query) {
        return URI.create("serial:" + tty.toAbsolutePath() + (query.isEmpty() ? "" : "?" + query));
    }

    /** Makes the serial port disappear, as unplugging a USB adapter does. */
    public synchronized void unplug() {
        PtyBridge b = bridge;
        bridge = null;
        if (b != null) {
            b.close();
        }
    }

    /** Makes the serial port (re)appear, connected to the same emulator, whose state is unchanged. */
    public synchronized void plugIn() throws IOException {
        if (bridge == null || !bridge.isAlive()) {
            unplug();
            bridge = PtyBridge.toTcp(tty, port, BRIDGE_TIMEOUT);
        }
    }

    /** True while the serial port exists. */
    public synchronized boolean pluggedIn() {
        return bridge != null && bridge.isAlive();
    }

    @Override
    public void close() {
        unplug();
        emulator.close();
    }
}
