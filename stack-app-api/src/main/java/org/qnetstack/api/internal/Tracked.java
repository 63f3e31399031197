package org.qnetstack.api.internal;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.ApiMisuseException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Wraps the API's publishers, whose signals come from the simulation: a {@code block()} on one from any thread
 * but a sequential program's could never end (the simulation does not advance while that thread waits), so it
 * fails at once with {@link ApiMisuseException} explaining where to block instead.
 */
final class Tracked {
    private Tracked() {
    }

    /** @param what what subscribing does, for the report of a publisher a program never subscribed to */
    static <T> Mono<T> mono(Supplier<String> what, Mono<T> source) {
        ProgramRunner.Program creator = ProgramRunner.program();
        return created(creator, what, new Mono<T>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                Tracked.subscribe(creator, this, source, actual);
            }
        });
    }

    /** @param what what subscribing does, for the report of a publisher a program never subscribed to */
    static <T> Flux<T> flux(Supplier<String> what, Publisher<T> source) {
        ProgramRunner.Program creator = ProgramRunner.program();
        return created(creator, what, new Flux<T>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                Tracked.subscribe(creator, this, source, actual);
            }
        });
    }

    /** Notes a publisher a program created, until it subscribes to it. */
    private static <P> P created(ProgramRunner.@Nullable Program creator, Supplier<String> what, P tracked) {
        if (creator != null) {
            creator.created(tracked, what);
        }
        return tracked;
    }

    private static <T> void subscribe(ProgramRunner.@Nullable Program creator, Object tracked, Publisher<T> source,
            CoreSubscriber<? super T> actual) {
        if (creator != null) {
            creator.subscribedTo(tracked);
        }
        subscribe(source, actual);
    }

    private static <T> void subscribe(Publisher<T> source, CoreSubscriber<? super T> actual) {
        reactor.core.Scannable terminal = ProgramRunner.terminalOf(actual);
        if (ProgramRunner.program() != null || !ProgramRunner.isBlocking(terminal) || Gate.guards(actual)) {
            source.subscribe(actual);
            return;
        }
        // A block() called outside every sequential program (a program's own block() has a gate before it): fine if the answer is there already, hopeless otherwise.
        Guard<T> guard = new Guard<>(actual);
        source.subscribe(guard);
        if (!guard.ended && !Boolean.TRUE.equals(terminal.scan(reactor.core.Scannable.Attr.TERMINATED))) {
            guard.fail(new ApiMisuseException(null, "block() here can never complete: the simulation advances only "
                    + "inside awaitCompletion(), and this thread (" + Thread.currentThread().getName() + ", outside "
                    + "every sequential program: the caller of net.node(...), or a reactive program's callback) "
                    + "would have to run it. Block only inside a NodeProgram given to net.run(...); in a "
                    + "ReactiveProgram compose the publisher instead (then, flatMap, concatMap)"));
        }
    }

    /** Passes signals on, noting whether the subscription has ended; can end it with an error instead. */
    private static final class Guard<T> implements CoreSubscriber<T> {
        private final CoreSubscriber<? super T> actual;
        private Subscription upstream;
        boolean ended;

        Guard(CoreSubscriber<? super T> actual) {
            this.actual = actual;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            upstream = s;
            actual.onSubscribe(s);
        }

        @Override
        public void onNext(T t) {
            if (!ended) {
                actual.onNext(t);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!ended) {
                ended = true;
                actual.onError(t);
            }
        }

        @Override
        public void onComplete() {
            if (!ended) {
                ended = true;
                actual.onComplete();
            }
        }

        void fail(RuntimeException error) {
            ended = true;
            if (upstream != null) {
                upstream.cancel();
            }
            actual.onError(error);
        }
    }
}
