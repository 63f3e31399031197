package org.qnetstack.hal.spi;

import java.net.URI;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;

/** A driver for a whole platform, listed in {@code META-INF/services/org.qnetstack.hal.spi.PlatformProvider}. */
public interface PlatformProvider {
    boolean accepts(URI uri);

    /**
     * Opens the platform for the network described by the spec.
     *
     * @throws org.qnetstack.hal.ConfigurationException naming the field of the spec it cannot accept
     */
    Platform open(URI uri, PlatformSpec spec);
}
