package org.qnetstack.hal.spi;

import java.net.URI;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.device.AsyncQuantumDevice;

/**
 * A driver for a quantum device, listed in {@code META-INF/services/org.qnetstack.hal.spi.QuantumDeviceProvider}.
 */
public interface QuantumDeviceProvider {
    boolean accepts(URI uri);

    /**
     * Connects to the device and completes the protocol's handshake; its completions and events are delivered
     * on the scheduler's loop, which must accept tasks from any thread (the driver's I/O thread hands them over).
     *
     * @throws org.qnetstack.hal.device.DeviceException if the device cannot be reached or refuses the handshake
     * @throws org.qnetstack.hal.ConfigurationException naming the URI's part it cannot accept
     */
    AsyncQuantumDevice open(URI uri, Scheduler scheduler);
}
