package org.qnetstack.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qnetstack.hal.ClickRoute;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.hal.serial.emulator.ClickSource;
import org.qnetstack.hal.serial.emulator.DetectorEmulator;
import org.qnetstack.hal.serial.emulator.PtyBridge;
import org.qnetstack.hal.serial.emulator.QueueClickSource;

/**
 * Puts the serial detector controller behind the first link's station: the device emulator serves TCP,
 * socat makes a real pseudo-terminal for it, and the station's detectors become
 * {@code serial:<that pty>}. The simulation sends the link's photons (as clicks) to the emulator, and the
 * station hears them only through the serial driver.
 */
final class EmulatedSerialDetectors implements AutoCloseable {
    private final QueueClickSource clicks = new QueueClickSource();
    private final DetectorEmulator emulator = new DetectorEmulator(2, clicks);
    private final Path directory;
    private final PtyBridge pty;
    private final PlatformSpec spec;
    private final String link;

    private EmulatedSerialDetectors(PlatformSpec original) throws IOException {
        if (!PtyBridge.socatAvailable()) {
            throw new IllegalStateException(PtyBridge.SOCAT_MISSING);
        }
        int port = emulator.serveTcp(0);
        directory = Files.createTempDirectory("qnetstack-serial");
        pty = PtyBridge.toTcp(directory.resolve("ttyV0"), port, Duration.ofSeconds(10));
        LinkSpec first = original.links().get(0);
        link = first.name();
        URI device = URI.create("serial:" + pty.link() + "?baud=115200");
        List<LinkSpec> links = new ArrayList<>(original.links());
        links.set(0, new LinkSpec(first.name(), first.nodeA(), first.nodeB(), first.lengthKm(), first.scheme(),
                new StationSpec(first.station().name(), device), first.overrides()));
        spec = new PlatformSpec(original.seed(), original.nodes(), links, original.options());
    }

    static EmulatedSerialDetectors start(PlatformSpec spec) {
        try {
            return new EmulatedSerialDetectors(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the detector emulator behind a pty", e);
        }
    }

    /** The network with the first station's detectors behind the serial port. */
    PlatformSpec spec() {
        return spec;
    }

    /** Where the simulated photons of that link go: into the emulated device. */
    Map<String, ClickRoute> routes() {
        return Map.of(link, (batch, watermarkPs) -> clicks.offer(new ClickSource.Batch(batch, watermarkPs)));
    }

    @Override
    public void close() {
        pty.close();
        emulator.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
