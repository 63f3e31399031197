package org.qnetstack.api.internal;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * Messages from one remote node on one channel, waiting for the program's {@code recv()}. A failure to
 * deliver this node's messages to the remote one is reported on the next {@code recv()}, after the messages
 * that arrived before it: like a reset connection, the program learns of it when it next reads.
 */
final class MessageInbox {
    private final ArrayDeque<Object> buffered = new ArrayDeque<>();
    private final ArrayDeque<MonoSink<Object>> waiting = new ArrayDeque<>();
    private final ProgramRunner runner;
    private @Nullable RuntimeException failure;

    MessageInbox(ProgramRunner runner) {
        this.runner = runner;
    }

    void onMessage(Object message) {
        MonoSink<Object> sink = waiting.poll();
        if (sink == null) {
            buffered.add(message);
        } else {
            sink.success(message);
            runner.signal();
        }
    }

    void onFailure(RuntimeException error) {
        MonoSink<Object> sink = waiting.poll();
        if (sink == null) {
            failure = error;
        } else {
            sink.error(error);
            runner.signal();
        }
    }

    /** The node stops: every waiting receive fails with the error. */
    void failWaiting(RuntimeException error) {
        while (!waiting.isEmpty()) {
            waiting.poll().error(error);
        }
        runner.signal();
    }

    void take(MonoSink<Object> sink) {
        Object message = buffered.poll();
        if (message != null) {
            sink.success(message);
        } else if (failure != null) {
            RuntimeException error = failure;
            failure = null;
            sink.error(error);
        } else {
            waiting.add(sink);
            sink.onCancel(() -> waiting.remove(sink));
        }
    }
}
