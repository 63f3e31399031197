package org.qnetstack.api.internal;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CorePublisher;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.util.context.Context;

/**
 * Stands before the {@code block()} of a sequential program (Reactor's blocking subscriber, which releases the
 * program's thread when it gets its value or its end): a signal that comes on the program's own thread passes
 * at once; one that comes on any other thread (the kernel's, in the middle of an event) is queued on the
 * program and passed at its next hand-off, as the last thing the kernel does before it waits for the program.
 * So the program's thread can only be released while the kernel stands still.
 */
final class Gate<T> implements CoreSubscriber<T>, Scannable {
    private final CoreSubscriber<? super T> blocking;
    private final ProgramRunner.Program owner;

    private Gate(CoreSubscriber<? super T> blocking, ProgramRunner.Program owner) {
        this.blocking = blocking;
        this.owner = owner;
    }

    /**
     * The publisher a {@code block()} subscribes to: when the subscription comes from a program's thread, a gate
     * goes before the blocking subscriber; any other subscription passes through untouched.
     */
    static <T> CorePublisher<T> around(Publisher<T> source) {
        @SuppressWarnings("unchecked")
        CorePublisher<T> core = source instanceof CorePublisher<?> c ? (CorePublisher<T>) c : null;
        return new CorePublisher<>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                ProgramRunner.Program program = ProgramRunner.program();
                if (program == null || !ProgramRunner.isBlocking(actual)) {
                    pass(actual);
                    return;
                }
                pass(new Gate<>(actual, program));
                program.waitsAnew(); // after the subscription's effects: the kernel sees them
            }

            @Override
            public void subscribe(Subscriber<? super T> actual) {
                source.subscribe(actual);
            }

            private void pass(CoreSubscriber<? super T> actual) {
                if (core != null) {
                    core.subscribe(actual);
                } else {
                    source.subscribe(actual);
                }
            }
        };
    }

    /** Whether the subscriber's chain goes through a gate: it ends in a sequential program's block(). */
    static boolean guards(Subscriber<?> actual) {
        return actual instanceof Gate<?> || Scannable.from(actual).actuals().anyMatch(s -> s instanceof Gate<?>);
    }

    /** Whether the blocking subscriber has let its thread go (it got its value, error or end). */
    boolean released() {
        return Boolean.TRUE.equals(Scannable.from(blocking).scan(Attr.TERMINATED));
    }

    @Override
    public Context currentContext() {
        return blocking.currentContext();
    }

    @Override
    public void onSubscribe(Subscription s) {
        blocking.onSubscribe(s); // on the subscribing (program) thread, inside subscribe
    }

    @Override
    public void onNext(T t) {
        pass(() -> blocking.onNext(t));
    }

    @Override
    public void onError(Throwable t) {
        pass(() -> blocking.onError(t));
    }

    @Override
    public void onComplete() {
        pass(blocking::onComplete);
    }

    private void pass(Runnable signal) {
        if (ProgramRunner.program() == owner) {
            signal.run();
        } else {
            owner.handOver(this, signal);
        }
    }

    @Override
    public Object scanUnsafe(Attr key) {
        return key == Attr.ACTUAL ? blocking : null;
    }
}
