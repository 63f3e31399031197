package org.qnetstack.hal.tck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.device.SynchronousDeviceAdapter;
import org.qnetstack.sim.SimulatedPlatform;

/**
 * The in-process simulator under the kit, through {@link SynchronousDeviceAdapter}: two {@code ideal} nodes
 * 1 km apart, on the simulator's virtual timeline (waiting runs the event kernel, so the kit's timeouts are
 * virtual time and the run is deterministic).
 */
class SimulatedAsyncDeviceConformanceTest extends AsyncQuantumDeviceConformance {
    @Override
    protected DeviceFixture open() {
        return new SimFixture(List.of("alice"));
    }

    @Override
    protected DeviceFixture openPair() {
        return new SimFixture(List.of("alice", "bob"));
    }

    private static final class SimFixture implements DeviceFixture {
        private final SimulatedPlatform platform = new SimulatedPlatform(new PlatformSpec(11,
                List.of(NodeSpec.of("alice", "ideal"), NodeSpec.of("bob", "ideal")),
                List.of(new LinkSpec("alice-bob", "alice", "bob", 1, HeraldingScheme.SINGLE_CLICK,
                        new StationSpec("alice-bob-station", StationSpec.SIMULATED_DETECTORS), Map.of()))));
        private final List<AsyncQuantumDevice> devices;

        SimFixture(List<String> nodes) {
            devices = nodes.stream().map(n -> (AsyncQuantumDevice) SynchronousDeviceAdapter.open(platform, n))
                    .toList();
        }

        @Override
        public List<AsyncQuantumDevice> devices() {
            return devices;
        }

        @Override
        public boolean awaitCondition(BooleanSupplier condition, Duration within) {
            platform.runUntil(condition, within.toNanos());
            return condition.getAsBoolean();
        }

        @Override
        public boolean awaitDone(CompletableFuture<?> future, Duration within) {
            return awaitCondition(future::isDone, within);
        }

        @Override
        public void close() {
            devices.forEach(AsyncQuantumDevice::close);
            platform.close();
        }
    }
}
