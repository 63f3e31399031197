package org.qnetstack.hal.serial.internal;

import java.time.Duration;
import java.util.List;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.hal.serial.internal.Counters.Stat;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The device's click stream on the host side: stream lines go into the {@link ClickBatcher}, confirmed
 * clicks and watermarks go out to subscribers on the node's {@link Scheduler}, and what was lost is
 * counted. Fed by the worker only.
 */
final class ClickStream {
    private static final Sinks.EmitFailureHandler RETRY = Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1));

    private final Scheduler scheduler;
    private final Counters counters;
    private final Sinks.Many<ClickEvent> clicks = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<Long> watermarks = Sinks.many().multicast().directBestEffort();
    private ClickBatcher batcher = new ClickBatcher(0);
    private long lastWatermarkNanos = System.nanoTime();

    ClickStream(Scheduler scheduler, Counters counters) {
        this.scheduler = scheduler;
        this.counters = counters;
    }

    Flux<ClickEvent> clicks() {
        return clicks.asFlux();
    }

    Flux<Long> watermarks() {
        return watermarks.asFlux();
    }

    /** The device's inputs are known (at opening): clicks on others are doubtful. */
    void channels(int channels) {
        batcher = new ClickBatcher(channels);
    }

    /** When the last intact watermark came (for the heartbeat check). */
    long lastWatermarkNanos() {
        return lastWatermarkNanos;
    }

    /** The stream is expected from now on (armed, or re-armed): the heartbeat check starts afresh. */
    void expectWatermarks() {
        lastWatermarkNanos = System.nanoTime();
    }

    void accept(StreamLine line) {
        if (line instanceof StreamLine.Click c) {
            batcher.click(c.wireChannel(), c.ps());
        } else if (line instanceof StreamLine.Watermark w) {
            watermark(w);
        } else if (line instanceof StreamLine.Corrupt c) {
            counters.count(Stat.CORRUPT);
            batcher.corrupt("corrupted stream line '" + c.line() + "': " + c.reason());
            counters.warn("corrupted stream line '" + c.line() + "': " + c.reason());
        }
    }

    /** The line was lost: clicks not yet confirmed are dropped (and counted by the next watermark). */
    void lineLost() {
        batcher.discard();
    }

    void deviceRestarted() {
        batcher.deviceRestarted();
    }

    private void watermark(StreamLine.Watermark w) {
        lastWatermarkNanos = System.nanoTime();
        ClickBatcher.Outcome o = batcher.watermark(w.ps(), w.count(), w.total());
        counters.add(Stat.DROPPED_CLICKS, o.lostClicks());
        if (o.dropped() != null) {
            counters.count(Stat.DROPPED_BATCHES);
            counters.warn("withheld the clicks before " + w.ps() + " ps: " + o.dropped());
        }
        List<ClickEvent> released = o.released();
        counters.add(Stat.DELIVERED, released.size());
        long mark = o.watermarkPs();
        deliver(() -> {
            for (ClickEvent c : released) {
                clicks.emitNext(c, RETRY);
            }
            watermarks.emitNext(mark, RETRY);
        });
    }

    void fail(Throwable error) {
        deliver(() -> {
            clicks.emitError(error, RETRY);
            watermarks.emitError(error, RETRY);
        });
    }

    void complete() {
        deliver(() -> {
            clicks.emitComplete(RETRY);
            watermarks.emitComplete(RETRY);
        });
    }

    /** Runs on the node's loop, as the HAL promises; if that loop refuses (shut down), runs here. */
    void deliver(Runnable r) {
        try {
            scheduler.execute(r);
        } catch (RuntimeException e) {
            r.run();
        }
    }
}
