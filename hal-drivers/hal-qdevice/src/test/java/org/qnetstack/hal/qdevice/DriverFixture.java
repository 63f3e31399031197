package org.qnetstack.hal.qdevice;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.realtime.NodeEventLoop;
import org.qnetstack.hal.tck.DeviceFixture;

/**
 * Devices opened through the qdevice driver, found by URI as a node would find them, each with its own
 * real-time event loop; closing closes the drivers, the loops and whatever serves the devices.
 */
public final class DriverFixture implements DeviceFixture {
    private final List<AsyncQuantumDevice> devices = new ArrayList<>();
    private final List<NodeEventLoop> loops = new ArrayList<>();
    private final AutoCloseable server;

    public DriverFixture(AutoCloseable server, List<URI> uris) {
        this.server = server;
        try {
            for (URI uri : uris) {
                NodeEventLoop loop = NodeEventLoop.start("node-" + uris.indexOf(uri));
                loops.add(loop);
                devices.add(Drivers.openQuantumDevice(uri, loop));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public List<AsyncQuantumDevice> devices() {
        return devices;
    }

    @Override
    public String diagnostics() {
        StringBuilder s = new StringBuilder();
        for (AsyncQuantumDevice d : devices) {
            if (d instanceof QDeviceDriver q && q.counters().refused() + q.counters().timeouts() > 0) {
                s.append("; the driver refused or timed out: ").append(q.counters()).append(", the latest refused: ")
                        .append(q.lastRefusal().isEmpty() ? "none" : q.lastRefusal());
            }
        }
        return s.toString();
    }

    @Override
    public void close() {
        devices.forEach(AsyncQuantumDevice::close);
        loops.forEach(NodeEventLoop::close);
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the device server", e);
        }
    }
}
