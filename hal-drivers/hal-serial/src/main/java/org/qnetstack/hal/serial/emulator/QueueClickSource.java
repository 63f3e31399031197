package org.qnetstack.hal.serial.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ClickEvent;

/**
 * A click source fed from outside: a test, or a bridge from the simulated heralding station, offers
 * batches and may wait until the device has taken them in. Thread-safe.
 */
public final class QueueClickSource implements ClickSource {
    private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private long offeredWatermark;
    private long offered;
    private long consumed;

    /** Offers clicks with the watermark just after the last one (or the current one if there are none). */
    public synchronized Batch offer(List<ClickEvent> clicks) {
        return offer(Batch.closing(clicks, offeredWatermark));
    }

    /**
     * Offers a batch.
     *
     * @throws IllegalArgumentException if it would move time backwards: a click before the watermark
     *                                  already offered, or a lower watermark
     */
    public synchronized Batch offer(Batch batch) {
        if (batch.watermarkPs() < offeredWatermark
                || (!batch.clicks().isEmpty() && batch.clicks().get(0).timePs() < offeredWatermark)) {
            throw new IllegalArgumentException("batch goes back before the watermark already offered, "
                    + offeredWatermark + " ps: " + batch);
        }
        offeredWatermark = batch.watermarkPs();
        offered++;
        queue.add(batch);
        return batch;
    }

    /** The highest watermark offered so far, in ps: new clicks must be at or after it. */
    public synchronized long watermarkPs() {
        return offeredWatermark;
    }

    /** Waits until the device has taken in every batch offered so far; false if that took too long. */
    public synchronized boolean awaitConsumed(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (consumed < offered) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public @Nullable Batch next(Duration maxWait) throws InterruptedException {
        return queue.poll(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void consumed(Batch batch) {
        consumed++;
        notifyAll();
    }
}
