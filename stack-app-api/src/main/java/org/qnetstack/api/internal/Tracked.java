package org.qnetstack.api.internal;

import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Wraps the API's publishers so that the program runner sees program threads subscribe to them. */
final class Tracked {
    private Tracked() {
    }

    static <T> Mono<T> mono(Mono<T> source) {
        return new Mono<>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                source.subscribe(actual);
                ProgramRunner.subscribed(actual);
            }
        };
    }

    static <T> Flux<T> flux(Publisher<T> source) {
        return new Flux<>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                source.subscribe(actual);
                ProgramRunner.subscribed(actual);
            }
        };
    }
}
