package org.qnetstack.hal.spi;

import java.net.URI;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.Scheduler;

/**
 * A driver for a detector/timing controller, listed in
 * {@code META-INF/services/org.qnetstack.hal.spi.DetectorControllerProvider}.
 */
public interface DetectorControllerProvider {
    boolean accepts(URI uri);

    /** Opens the controller; its events are delivered on the given scheduler's loop. */
    DetectorController open(URI uri, Scheduler scheduler);
}
