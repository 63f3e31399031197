package org.qnetstack.hal.serial;

import java.net.URI;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.spi.DetectorControllerProvider;

/** Opens {@link SerialDetectorController} for URIs of scheme {@code serial}. */
public final class SerialDetectorControllerProvider implements DetectorControllerProvider {
    @Override
    public boolean accepts(URI uri) {
        return "serial".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public DetectorController open(URI uri, Scheduler scheduler) {
        return SerialDetectorController.open(uri, scheduler);
    }
}
