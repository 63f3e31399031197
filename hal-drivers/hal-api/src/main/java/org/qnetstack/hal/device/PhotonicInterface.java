package org.qnetstack.hal.device;

/**
 * A port through which a device's communication qubits emit photons towards a link's station.
 *
 * @param link      the link's name
 * @param slotNanos the link's attempt period: slot k starts at k·slotNanos on the device's clock
 */
public record PhotonicInterface(String link, long slotNanos) {
    public PhotonicInterface {
        if (link.isBlank()) {
            throw new IllegalArgumentException("a photonic interface names its link");
        }
        if (slotNanos <= 0) {
            throw new IllegalArgumentException("slotNanos must be > 0 (was " + slotNanos + ")");
        }
    }
}
