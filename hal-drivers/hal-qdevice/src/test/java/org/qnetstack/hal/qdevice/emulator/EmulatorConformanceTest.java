package org.qnetstack.hal.qdevice.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.hal.qdevice.DriverFixture;
import org.qnetstack.hal.realtime.NodeEventLoop;
import org.qnetstack.hal.tck.AsyncQuantumDeviceConformance;
import org.qnetstack.hal.tck.DeviceFixture;

/**
 * The emulator under the kit through the TCP driver: a fresh emulator of two {@code ideal} nodes 1 km apart
 * on a free loopback port for every test, its devices opened by {@code qdevice:tcp://} URI.
 */
class EmulatorConformanceTest extends AsyncQuantumDeviceConformance {
    static PlatformSpec twoNodes() {
        return new PlatformSpec(5, List.of(NodeSpec.of("alice", "ideal"), NodeSpec.of("bob", "ideal")),
                List.of(new LinkSpec("alice-bob", "alice", "bob", 1, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("alice-bob-station", StationSpec.SIMULATED_DETECTORS), Map.of())));
    }

    static DeviceEmulator emulator() {
        try {
            return DeviceEmulator.start(twoNodes(), new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected DeviceFixture open() {
        DeviceEmulator e = emulator();
        return new DriverFixture(e, List.of(e.uri("alice")));
    }

    @Override
    protected DeviceFixture openPair() {
        DeviceEmulator e = emulator();
        return new DriverFixture(e, List.of(e.uri("alice"), e.uri("bob")));
    }

    @Override
    protected Runnable openWithUnsupportedVersion() {
        return () -> {
            try (DeviceEmulator e = emulator(); NodeEventLoop loop = NodeEventLoop.start("node")) {
                Drivers.openQuantumDevice(URI.create(e.uri("alice") + "&versions=99"), loop).close();
            }
        };
    }
}
