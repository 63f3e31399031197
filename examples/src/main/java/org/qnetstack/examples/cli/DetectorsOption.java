package org.qnetstack.examples.cli;

import picocli.CommandLine.Option;

/** {@code --detectors sim|serial}: how the first station hears its photons. */
public final class DetectorsOption {
    /** The station's detectors. */
    enum Detectors { sim, serial }

    boolean serial;

    @Option(names = "--detectors", paramLabel = "sim|serial", defaultValue = "sim",
            description = "serial: the first station hears its photons through the serial driver, over a real "
                    + "pseudo-terminal (socat), from the device emulator (default: ${DEFAULT-VALUE})")
    void detectors(Detectors d) {
        serial = d == Detectors.serial;
    }
}
