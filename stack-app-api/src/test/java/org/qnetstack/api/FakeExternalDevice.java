package org.qnetstack.api;

import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorController;
import org.qnetstack.hal.DetectorCounters;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.spi.DetectorControllerProvider;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A stand-in for a real device on another thread: it reports the clicks it is fed, then a watermark,
 * after a random real-time delay, through the scheduler it was opened with (as drivers must). URI
 * {@code fake:ok} reports everything; {@code fake:silent} never reports.
 */
final class FakeExternalDevice implements DetectorController {
    static final LinkedBlockingQueue<Object[]> FEED = new LinkedBlockingQueue<>();

    public static final class Provider implements DetectorControllerProvider {
        @Override
        public boolean accepts(URI uri) {
            return "fake".equals(uri.getScheme());
        }

        @Override
        public DetectorController open(URI uri, Scheduler scheduler) {
            return new FakeExternalDevice(scheduler, uri.getSchemeSpecificPart().equals("silent"));
        }
    }

    private final Sinks.Many<ClickEvent> clicks = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<Long> watermarks = Sinks.many().multicast().directBestEffort();
    private final Thread thread;
    private volatile boolean armed;

    private FakeExternalDevice(Scheduler scheduler, boolean silent) {
        Random jitter = new Random();
        thread = new Thread(() -> {
            try {
                while (true) {
                    Object[] batch = FEED.take();
                    if (silent) {
                        continue;
                    }
                    Thread.sleep(jitter.nextInt(2));
                    @SuppressWarnings("unchecked")
                    List<ClickEvent> cs = (List<ClickEvent>) batch[0];
                    long w = (Long) batch[1];
                    scheduler.execute(() -> {
                        if (armed) {
                            cs.forEach(clicks::tryEmitNext);
                        }
                        watermarks.tryEmitNext(w);
                    });
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "fake-device");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String identity() {
        return "fake device";
    }

    @Override
    public int channelCount() {
        return 2;
    }

    @Override
    public Mono<Void> arm() {
        return Mono.fromRunnable(() -> armed = true);
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
    public Mono<Void> setCoincidenceWindow(long windowPs) {
        return Mono.empty();
    }

    @Override
    public long coincidenceWindowPs() {
        return 25_000;
    }

    @Override
    public Flux<ClickEvent> clicks() {
        return clicks.asFlux();
    }

    @Override
    public Flux<Long> watermarks() {
        return watermarks.asFlux();
    }

    @Override
    public Mono<DetectorCounters> counters() {
        return Mono.just(new DetectorCounters(List.of(0L, 0L), 0));
    }

    @Override
    public Mono<Void> resetCounters() {
        return Mono.empty();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
