package org.qnetstack.hal;

import java.util.List;

/**
 * Where a simulated platform sends the clicks its photons make at a station whose detectors are
 * external: an emulated device behind a real serial port, for example. Called on the platform's loop at
 * the clicks' time; {@code watermarkPs} promises that no later call holds a click before it.
 */
@FunctionalInterface
public interface ClickRoute {
    void deliver(List<ClickEvent> clicks, long watermarkPs);
}
