package org.qnetstack.hal.device;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.TimerHandle;

/** An operation of {@link SynchronousDeviceAdapter} whose completion is scheduled: failed if the adapter closes first. */
final class ScheduledCompletion {
    final CompletableFuture<?> future;
    @Nullable TimerHandle timer;

    ScheduledCompletion(CompletableFuture<?> future) {
        this.future = future;
    }
}
