package org.qnetstack.sim;

import java.net.URI;
import org.qnetstack.hal.Platform;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.spi.PlatformProvider;

/** Opens {@link SimulatedPlatform} for URIs of scheme {@code sim} (e.g. {@code sim:world}). */
public final class SimulatedPlatformProvider implements PlatformProvider {
    @Override
    public boolean accepts(URI uri) {
        return "sim".equals(uri.getScheme());
    }

    @Override
    public Platform open(URI uri, PlatformSpec spec) {
        return new SimulatedPlatform(spec);
    }
}
