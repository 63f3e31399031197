package org.qnetstack.api.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import org.qnetstack.api.EprException;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import reactor.core.publisher.FluxSink;

/**
 * Pairs with one remote node on one socket id, waiting for the program to take them. Pairs go to the
 * oldest demand of their type; with no demand they wait here (kept pairs keep their qubits until the
 * program takes them or the network closes).
 */
final class PairInbox {
    private final ArrayDeque<EndToEndPair> buffered = new ArrayDeque<>();
    private final ArrayDeque<Demand<?>> demands = new ArrayDeque<>();
    private final ProgramRunner runner;
    private final Consumer<EndToEndPair> discard;

    static final class Demand<T> {
        final RequestType type;
        final FluxSink<T> sink;
        final java.util.function.Function<EndToEndPair, T> convert;
        int remaining;

        Demand(RequestType type, int number, FluxSink<T> sink, java.util.function.Function<EndToEndPair, T> convert) {
            this.type = type;
            this.remaining = number;
            this.sink = sink;
            this.convert = convert;
        }

        boolean take(EndToEndPair pair) {
            sink.next(convert.apply(pair));
            remaining--;
            if (remaining == 0) {
                sink.complete();
                return true;
            }
            return false;
        }
    }

    PairInbox(ProgramRunner runner, Consumer<EndToEndPair> discard) {
        this.runner = runner;
        this.discard = discard;
    }

    <T> Demand<T> demand(RequestType type, int number, FluxSink<T> sink,
                         java.util.function.Function<EndToEndPair, T> convert) {
        Demand<T> d = new Demand<>(type, number, sink, convert);
        for (Iterator<EndToEndPair> it = buffered.iterator(); it.hasNext() && d.remaining > 0; ) {
            EndToEndPair p = it.next();
            if (p.type() == type) {
                it.remove();
                d.take(p);
            }
        }
        if (d.remaining > 0) {
            demands.add(d);
        }
        return d;
    }

    void cancel(Demand<?> d) {
        demands.remove(d);
    }

    void onPair(EndToEndPair pair) {
        for (Demand<?> d : demands) {
            if (d.type == pair.type()) {
                if (d.take(pair)) {
                    demands.remove(d);
                }
                runner.signal();
                return;
            }
        }
        buffered.add(pair);
    }

    void onError(NetworkError error) {
        if (error.code() == org.qnetstack.link.LinkErrorCode.EXPIRE) {
            return; // one pair was withdrawn at both ends before delivery; the request goes on
        }
        Demand<?> d = demands.poll();
        if (d != null) {
            d.sink.error(new EprException(error.code(), error.message()));
            runner.signal();
        }
    }

    /** Releases every buffered kept pair's qubit and fails open demands. */
    void close() {
        buffered.forEach(discard);
        buffered.clear();
        for (Demand<?> d : demands) {
            d.sink.error(new EprException(org.qnetstack.link.LinkErrorCode.OTHER, "the network was closed"));
        }
        demands.clear();
    }
}
