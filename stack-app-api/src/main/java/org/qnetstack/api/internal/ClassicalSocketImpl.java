package org.qnetstack.api.internal;

import org.qnetstack.api.ApiMisuseException;
import org.qnetstack.api.ClassicalSocket;
import reactor.core.publisher.Mono;

/** A classical socket over the transport's channels. */
final class ClassicalSocketImpl implements ClassicalSocket {
    private final NodeRuntime node;
    private final String remote;
    private final int channel;

    ClassicalSocketImpl(NodeRuntime node, String remote, int channel) {
        this.node = node;
        this.remote = remote;
        this.channel = channel;
    }

    @Override
    public String remoteNode() {
        return remote;
    }

    @Override
    public Mono<Void> send(Object message) {
        ApiMisuseException.requireNonNull(message, "message", "send a value (a number, a string, "
                + "a list, a record registered with the wire)");
        return Tracked.mono(() -> "send to " + remote, Mono.fromRunnable(() -> {
            try {
                node.transport().send(remote, channel, message);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // the transport's refusal (a type it cannot carry, no key for the node, a full stream) says what to do
                throw new ApiMisuseException(null, e.getMessage());
            }
        }));
    }

    @Override
    public Mono<Object> recv() {
        return Tracked.mono(() -> "recv from " + remote, Mono.create(sink -> node.messages(remote, channel).take(sink)));
    }
}
