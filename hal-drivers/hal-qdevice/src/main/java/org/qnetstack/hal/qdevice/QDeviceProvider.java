package org.qnetstack.hal.qdevice;

import java.net.URI;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.qdevice.internal.DriverOptions;
import org.qnetstack.hal.spi.QuantumDeviceProvider;

/** Opens {@link QDeviceDriver} for URIs {@code qdevice:tcp://host:port?node=NAME&...}. */
public final class QDeviceProvider implements QuantumDeviceProvider {
    @Override
    public boolean accepts(URI uri) {
        return DriverOptions.accepts(uri);
    }

    @Override
    public AsyncQuantumDevice open(URI uri, Scheduler scheduler) {
        return QDeviceDriver.open(uri, scheduler);
    }
}
