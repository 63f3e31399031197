package org.qnetstack.hal.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.qnetstack.hal.device.AsyncQuantumDevice;
import org.qnetstack.hal.device.DeviceEvent;

/** The heralds each of some devices reports, in arrival order, from its creation to its close. */
final class HeraldLog implements AutoCloseable {
    private final List<AsyncQuantumDevice> devices;
    private final List<List<DeviceEvent.Herald>> heralds = new ArrayList<>();
    private final List<Consumer<DeviceEvent>> listeners = new ArrayList<>();

    HeraldLog(List<AsyncQuantumDevice> devices) {
        this.devices = devices;
        for (AsyncQuantumDevice d : devices) {
            List<DeviceEvent.Herald> mine = new CopyOnWriteArrayList<>();
            Consumer<DeviceEvent> l = e -> {
                if (e instanceof DeviceEvent.Herald h) {
                    mine.add(h);
                }
            };
            heralds.add(mine);
            listeners.add(l);
            d.addListener(l);
        }
    }

    List<DeviceEvent.Herald> of(int device) {
        return heralds.get(device);
    }

    /** Waits until every device has reported {@code count} heralds; fails the test naming {@code what} if not. */
    void await(DeviceFixture f, int count, String what) throws InterruptedException {
        Duration within = f.timeout();
        if (!f.awaitCondition(() -> heralds.stream().allMatch(h -> h.size() >= count), within)) {
            List<Integer> got = heralds.stream().map(List::size).toList();
            throw new AssertionError("waited " + within.toMillis() + " ms for " + what + "; heralds per device: "
                    + got + f.diagnostics());
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < devices.size(); i++) {
            devices.get(i).removeListener(listeners.get(i));
        }
    }
}
