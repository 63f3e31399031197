package org.qnetstack.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A protocol's inbound dispatch: one handler per message class, looked up by the payload's exact class, so a
 * protocol states the messages it serves once instead of testing each payload against a chain of types.
 * Anything else that arrives (another layer's message, a type a newer peer sends, garbage from a hostile one)
 * is rejected: counted here and handed to the protocol's {@link Builder#otherwise} action, which logs it the
 * protocol's way. The node keeps serving. Immutable once built; runs on the caller's thread.
 *
 * <pre>{@code
 * network.register(node, PROTOCOL, MessageHandlers.builder()
 *         .on(Hold.class, this::onHold)
 *         .on(Decision.class, this::onDecision)
 *         .otherwise(e -> reject(e.from(), e.payload()))
 *         .build());
 * }</pre>
 */
public final class MessageHandlers implements Consumer<Envelope> {
    /** What a protocol does with one message of its type, given the node or station that sent it. */
    @FunctionalInterface
    public interface Handler<M> {
        void handle(M message, String from);
    }

    private final Map<Class<?>, Handler<Object>> handlers;
    private final Consumer<Envelope> otherwise;
    private long rejected;

    private MessageHandlers(Map<Class<?>, Handler<Object>> handlers, Consumer<Envelope> otherwise) {
        this.handlers = Map.copyOf(handlers);
        this.otherwise = otherwise;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Hands the payload to the handler of its class; a payload of any other class is rejected. */
    @Override
    public void accept(Envelope envelope) {
        Object payload = envelope.payload();
        Handler<Object> handler = payload == null ? null : handlers.get(payload.getClass());
        if (handler == null) {
            rejected++;
            otherwise.accept(envelope);
            return;
        }
        handler.handle(payload, envelope.from());
    }

    /** Whether a payload of exactly this class has a handler. */
    public boolean handles(Class<?> type) {
        return handlers.containsKey(type);
    }

    /** Messages of a class nobody here handles, since this was built. */
    public long rejected() {
        return rejected;
    }

    /** Collects the handlers; {@link #build()} checks that every class has one. */
    public static final class Builder {
        private final Map<Class<?>, Handler<Object>> handlers = new HashMap<>();
        private Consumer<Envelope> otherwise = e -> { };

        private Builder() {
        }

        /**
         * Handles messages of exactly this class (messages are records, so there are no subclasses to match).
         *
         * @throws IllegalArgumentException if the class already has a handler, or is an interface or abstract
         *                                  (no payload has it as its exact class, so its handler would never run)
         */
        @SuppressWarnings("unchecked")
        public <M> Builder on(Class<M> type, Handler<? super M> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
            if (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                throw new IllegalArgumentException(type.getName() + " is abstract: dispatch is by a payload's exact "
                        + "class, so register each concrete message class");
            }
            if (handlers.putIfAbsent(type, (Handler<Object>) handler) != null) {
                throw new IllegalArgumentException(type.getName() + " has a handler already: give each message "
                        + "class one handler");
            }
            return this;
        }

        /** Handles messages of exactly this class whose sender does not matter. */
        public <M> Builder on(Class<M> type, Consumer<? super M> handler) {
            Objects.requireNonNull(handler, "handler");
            return on(type, (M message, String from) -> handler.accept(message));
        }

        /** What to do with a payload of any other class, after counting it (log it, count it the layer's way). */
        public Builder otherwise(Consumer<Envelope> action) {
            this.otherwise = Objects.requireNonNull(action, "action");
            return this;
        }

        public MessageHandlers build() {
            return new MessageHandlers(handlers, otherwise);
        }
    }
}
