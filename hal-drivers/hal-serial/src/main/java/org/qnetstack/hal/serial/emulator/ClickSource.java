package org.qnetstack.hal.serial.emulator;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ClickEvent;

/**
 * Where the emulated device's detectors get their clicks: a script, a test, or the simulated heralding
 * station. The emulator asks for the next batch from one thread of its own, whether or not it is armed
 * (a disarmed device throws the clicks away, as real detectors fire whether or not they are tagged).
 *
 * <p>A source promises that time only moves forward: once it has returned a batch with watermark
 * {@code w}, no later batch holds a click before {@code w}. Channels are numbered from 0, as in
 * {@link ClickEvent}.
 */
public interface ClickSource {
    /**
     * The next batch, waiting at most {@code maxWait}; null if there was nothing new in that time (the
     * emulator then sends a heartbeat watermark).
     */
    @Nullable Batch next(Duration maxWait) throws InterruptedException;

    /** Told when the device starts (or restarts) acquiring, with the watermark it has reached. */
    default void acquisitionStarted(long watermarkPs) {
    }

    /** Told when the device has emitted (or, disarmed, thrown away) a batch this source returned. */
    default void consumed(Batch batch) {
    }

    /**
     * Clicks in time-tag order, all before the watermark, and the promise that no later click comes before it.
     *
     * @param clicks      the clicks, tags non-decreasing
     * @param watermarkPs every click of this and later batches is at or after the previous watermark, and
     *                    every click of this batch is before this one
     */
    record Batch(List<ClickEvent> clicks, long watermarkPs) {
        public Batch {
            clicks = List.copyOf(clicks);
            long previous = Long.MIN_VALUE;
            for (ClickEvent c : clicks) {
                if (c.timePs() < previous) {
                    throw new IllegalArgumentException("clicks out of time order: " + c + " after " + previous + " ps");
                }
                if (c.timePs() >= watermarkPs) {
                    throw new IllegalArgumentException(c + " is not before the batch's watermark " + watermarkPs + " ps");
                }
                if (c.channel() < 0 || c.timePs() < 0) {
                    throw new IllegalArgumentException("channel and time tag must be ≥ 0: " + c);
                }
                previous = c.timePs();
            }
        }

        /** A batch whose watermark is just after its last click (or {@code floorPs} if it has none). */
        public static Batch closing(List<ClickEvent> clicks, long floorPs) {
            long last = clicks.isEmpty() ? floorPs - 1 : clicks.get(clicks.size() - 1).timePs();
            return new Batch(clicks, Math.max(floorPs, last + 1));
        }
    }
}
