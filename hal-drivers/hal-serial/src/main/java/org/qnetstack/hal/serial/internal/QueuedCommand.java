package org.qnetstack.hal.serial.internal;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/** A caller's command waiting for the worker: what it does on the line, and where its result goes. */
final class QueuedCommand<T> {
    /** What a command does on the worker: one or more exchanges. */
    @FunctionalInterface
    interface Procedure<T> {
        @Nullable T run() throws LinkLost;
    }

    final String text;
    final Procedure<T> procedure;
    final MonoSink<T> sink;
    final long submittedNanos = System.nanoTime();
    volatile boolean cancelled;

    QueuedCommand(String text, Procedure<T> procedure, MonoSink<T> sink) {
        this.text = text;
        this.procedure = procedure;
        this.sink = sink;
    }
}
