package org.qnetstack.sim.internal;

import java.util.List;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.ClickRoute;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.DetectorCounters;
import org.qnetstack.sim.kernel.EventKernel;
import org.qnetstack.sim.optics.SingleClickModel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The two simulated detectors of a station behind a time tagger. Clicks are emitted synchronously on
 * the kernel's thread at their arrival time, so subscribers run inside the simulation's event order.
 */
final class SimDetectorController implements DetectorController {
    private final String name;
    private final EventKernel kernel;
    private final Sinks.Many<ClickEvent> sink = Sinks.many().multicast().directBestEffort();
    private boolean armed;
    private boolean closed;
    private long windowPs;
    private final long[] clicks = new long[2];
    private long coincidences;
    private @org.jspecify.annotations.Nullable ClickRoute route;

    /** From now on this station's clicks go to the route (an external, emulated device) instead. */
    void route(ClickRoute route) {
        this.route = route;
    }

    SimDetectorController(String name, EventKernel kernel, long windowPs) {
        this.name = name;
        this.kernel = kernel;
        this.windowPs = windowPs;
    }

    void deliverAfter(long delayNanos, int pattern) {
        if (pattern == SingleClickModel.NONE) {
            return;
        }
        kernel.post(Math.max(0, delayNanos), () -> fire(pattern));
    }

    private void fire(int pattern) {
        long t = kernel.nanos() * 1000;
        if (route != null) {
            List<ClickEvent> clicks = new java.util.ArrayList<>(2);
            if (pattern == SingleClickModel.D0 || pattern == SingleClickModel.BOTH) {
                clicks.add(new ClickEvent(0, t));
            }
            if (pattern == SingleClickModel.D1 || pattern == SingleClickModel.BOTH) {
                clicks.add(new ClickEvent(1, t));
            }
            route.deliver(clicks, t + 1);
            return;
        }
        if (!armed || closed) {
            return;
        }
        if (pattern == SingleClickModel.BOTH) {
            coincidences++;
        }
        if (pattern == SingleClickModel.D0 || pattern == SingleClickModel.BOTH) {
            clicks[0]++;
            sink.tryEmitNext(new ClickEvent(0, t));
        }
        if (pattern == SingleClickModel.D1 || pattern == SingleClickModel.BOTH) {
            clicks[1]++;
            sink.tryEmitNext(new ClickEvent(1, t));
        }
    }

    @Override
    public String identity() {
        return "qnetstack,simulated detector controller," + name + ",1.0";
    }

    @Override
    public int channelCount() {
        return 2;
    }

    @Override
    public Mono<Void> arm() {
        return Mono.fromRunnable(() -> {
            ensureOpen();
            armed = true;
        });
    }

    @Override
    public Mono<Void> disarm() {
        return Mono.fromRunnable(() -> armed = false);
    }

    @Override
    public boolean isArmed() {
        return armed;
    }

    @Override
    public Mono<Void> setCoincidenceWindow(long ps) {
        return Mono.fromRunnable(() -> {
            ensureOpen();
            if (ps <= 0) {
                throw new IllegalArgumentException("coincidence window must be > 0 ps (was " + ps + ")");
            }
            windowPs = ps;
        });
    }

    @Override
    public long coincidenceWindowPs() {
        return windowPs;
    }

    @Override
    public Flux<ClickEvent> clicks() {
        return sink.asFlux();
    }

    @Override
    public Mono<DetectorCounters> counters() {
        return Mono.fromSupplier(() -> {
            ensureOpen();
            return new DetectorCounters(List.of(clicks[0], clicks[1]), coincidences);
        });
    }

    @Override
    public Mono<Void> resetCounters() {
        return Mono.fromRunnable(() -> {
            ensureOpen();
            clicks[0] = 0;
            clicks[1] = 0;
            coincidences = 0;
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("detector controller " + name + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            armed = false;
            sink.tryEmitComplete();
        }
    }
}
