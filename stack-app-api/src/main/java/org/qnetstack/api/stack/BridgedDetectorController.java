package org.qnetstack.api.stack;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.Clock;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.DetectorCounters;
import org.qnetstack.hal.Drivers;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.hal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A real detector controller (found by URI) behind a simulated station. The driver delivers its events
 * through a hand-off queue that only the simulation's thread drains, so the station sees every click
 * on its own loop and in order. When the simulation has sent a batch of clicks to the (emulated) device,
 * it waits, for a bounded time, until the device's watermark passes them: the run stays deterministic
 * whatever the device's timing, and a batch the device garbled or lost is simply never reported (no
 * herald), never guessed at.
 */
final class BridgedDetectorController implements DetectorController {
    private static final Logger LOG = LoggerFactory.getLogger(BridgedDetectorController.class);

    private final LinkedBlockingQueue<Runnable> handoff = new LinkedBlockingQueue<>();
    private final DetectorController device;
    private final Sinks.Many<ClickEvent> clicks = Sinks.many().multicast().directBestEffort();
    private final Duration timeout;
    private long watermarkPs = Long.MIN_VALUE;
    private long lateBatches;
    private final RateLimitedLog lateLog = RateLimitedLog.warnings(LOG);

    BridgedDetectorController(URI uri, Clock clock, Duration timeout) {
        this.timeout = timeout;
        Scheduler onSimulationThread = new Scheduler() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public TimerHandle schedule(long delayNanos, Runnable task) {
                handoff.add(task);
                return new TimerHandle() {
                    @Override
                    public boolean cancel() {
                        return handoff.remove(task);
                    }

                    @Override
                    public boolean isPending() {
                        return handoff.contains(task);
                    }
                };
            }
        };
        this.device = Drivers.openDetectorController(uri, onSimulationThread);
        device.clicks().subscribe(clicks::tryEmitNext);
        device.watermarks().subscribe(w -> watermarkPs = Math.max(watermarkPs, w));
    }

    /**
     * Runs the device's events until its watermark reaches {@code ps}; false if that took longer than the
     * timeout (the batch is then lost: counted and logged).
     */
    public boolean awaitWatermark(long ps) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (watermarkPs < ps) {
                Runnable event = handoff.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    lateBatches++;
                    lateLog.log("{}: no report up to {} ps within {}; those clicks are lost", device.identity(), ps,
                            timeout);
                    return false;
                }
                event.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        drain();
        return true;
    }

    /** Batches the device did not report in time. */
    public long lateBatches() {
        return lateBatches;
    }

    private void drain() {
        for (Runnable event = handoff.poll(); event != null; event = handoff.poll()) {
            event.run();
        }
    }

    /** Waits for a command's reply, running the device's events meanwhile. */
    private <T> T await(Mono<T> command, String what) {
        CompletableFuture<T> reply = command.toFuture();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!reply.isDone()) {
                Runnable event = handoff.poll(Math.min(10_000_000, Math.max(0, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
                if (event != null) {
                    event.run();
                } else if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(device.identity() + " did not answer " + what + " within " + timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
        drain();
        return reply.join();
    }

    @Override
    public String identity() {
        return device.identity();
    }

    @Override
    public int channelCount() {
        return device.channelCount();
    }

    @Override
    public Mono<Void> arm() {
        return Mono.fromRunnable(() -> await(device.arm(), "arm"));
    }

    @Override
    public Mono<Void> disarm() {
        return Mono.fromRunnable(() -> await(device.disarm(), "disarm"));
    }

    @Override
    public boolean isArmed() {
        return device.isArmed();
    }

    @Override
    public Mono<Void> setCoincidenceWindow(long windowPs) {
        return Mono.fromRunnable(() -> await(device.setCoincidenceWindow(windowPs), "the coincidence window"));
    }

    @Override
    public long coincidenceWindowPs() {
        return device.coincidenceWindowPs();
    }

    @Override
    public Flux<ClickEvent> clicks() {
        return clicks.asFlux();
    }

    @Override
    public Mono<DetectorCounters> counters() {
        return Mono.fromCallable(() -> await(device.counters(), "counters"));
    }

    @Override
    public Mono<Void> resetCounters() {
        return Mono.fromRunnable(() -> await(device.resetCounters(), "a counter reset"));
    }

    @Override
    public void close() {
        device.close();
        clicks.tryEmitComplete();
    }
}
