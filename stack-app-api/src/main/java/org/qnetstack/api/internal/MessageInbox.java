package org.qnetstack.api.internal;

import java.util.ArrayDeque;
import reactor.core.publisher.MonoSink;

/** Messages from one remote node on one channel, waiting for the program's {@code recv()}. */
final class MessageInbox {
    private final ArrayDeque<Object> buffered = new ArrayDeque<>();
    private final ArrayDeque<MonoSink<Object>> waiting = new ArrayDeque<>();
    private final ProgramRunner runner;

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

    void take(MonoSink<Object> sink) {
        Object message = buffered.poll();
        if (message != null) {
            sink.success(message);
        } else {
            waiting.add(sink);
            sink.onCancel(() -> waiting.remove(sink));
        }
    }
}
