package org.qnetstack.hal;

import java.net.URI;

/**
 * The heralding station of a link.
 *
 * @param name      unique station name (defaults to {@code <link>-station})
 * @param detectors URI of its detector controller: {@code sim} for the simulated one, or a driver URI
 */
public record StationSpec(String name, URI detectors) {
    public static final URI SIMULATED_DETECTORS = URI.create("sim:detectors");
}
