package org.qnetstack.api.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.EprErrorCode;
import org.qnetstack.api.EprException;
import org.qnetstack.hal.TimerHandle;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.DemandId;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.NetworkError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.FluxSink;

/**
 * Pairs with one remote node on one socket id, waiting for the program to take them. Pairs go to the
 * oldest demand of their type; with no demand they wait here.
 *
 * <p>Every path gives qubits back. A demand the program gave up (its subscription cancelled, or the socket
 * closed) stays in line but discards the pairs still owed to it, releasing their qubits, and cancels its link
 * request so that both ends stop making pairs for it (the creator knows its request at once; a receiver
 * learns it from the first pair that reaches the discarding demand). A kept pair nobody claims within
 * {@link #UNCLAIMED_NANOS} is released too, and its request cancelled: the program at this end is not
 * receiving on the socket, and the other end hears so as ERR CANCELLED instead of waiting for ever.
 */
final class PairInbox {
    private static final Logger LOG = LoggerFactory.getLogger(PairInbox.class);
    /**
     * How long a kept pair may wait for a receive before it is released: the link layer's own bound on memory
     * left full (NORES), as a program that holds a pair this long unclaimed holds up the link as much.
     */
    static final long UNCLAIMED_NANOS = 1_000_000_000L;

    /** What the inbox needs of its node. */
    interface Host {
        void release(EndToEndPair pair);

        /** Cancels one request for pairs, at the network layer. */
        void cancel(DemandId request);

        TimerHandle schedule(long delayNanos, Runnable task);
    }

    private final ArrayDeque<Held> buffered = new ArrayDeque<>();
    private final ArrayDeque<Demand<?>> demands = new ArrayDeque<>();
    private final String localNode;
    private final ProgramRunner runner;
    private final Host host;
    private final String description;
    private long unclaimed;
    /** A program that never receives leaves every pair unclaimed: counted each, a few a minute logged. */
    private final RateLimitedLog unclaimedLog = RateLimitedLog.warnings(LOG);
    private long discarded;

    private static final class Held {
        final EndToEndPair pair;
        @Nullable TimerHandle timer;

        Held(EndToEndPair pair) {
            this.pair = pair;
        }
    }

    static final class Demand<T> {
        final RequestType type;
        /** This end creates the pairs (its node made the request); otherwise it receives them. */
        final boolean create;
        final FluxSink<T> sink;
        final Function<EndToEndPair, T> convert;
        int remaining;
        /** The request serving this demand, once known. */
        @Nullable DemandId request;
        /** The program gave the demand up: its pairs are released as they come. */
        boolean discarding;

        Demand(RequestType type, boolean create, int number, FluxSink<T> sink, Function<EndToEndPair, T> convert) {
            this.type = type;
            this.create = create;
            this.remaining = number;
            this.sink = sink;
            this.convert = convert;
        }
    }

    PairInbox(String localNode, ProgramRunner runner, Host host, String description) {
        this.localNode = localNode;
        this.runner = runner;
        this.host = host;
        this.description = description;
    }

    <T> Demand<T> demand(RequestType type, boolean create, int number, FluxSink<T> sink,
            Function<EndToEndPair, T> convert) {
        Demand<T> d = new Demand<>(type, create, number, sink, convert);
        for (Iterator<Held> it = buffered.iterator(); it.hasNext() && d.remaining > 0; ) {
            Held h = it.next();
            // A pair the other end created waits for a receive here, not for a create.
            if (h.pair.type() == type && !(create && createdThere(h.pair))) {
                it.remove();
                if (h.timer != null) {
                    h.timer.cancel();
                }
                take(d, h.pair);
            }
        }
        if (d.remaining > 0) {
            demands.add(d);
        }
        return d;
    }

    /** The request made for a creating demand. */
    void created(Demand<?> d, DemandId request) {
        d.request = cancellable(request);
    }

    /**
     * The request a pair came from, if the socket cancels it: a request over a single link, which the network
     * cancels at both ends. A circuit's is left to run out, as its other end is not told of a cancel at its head
     * and still waits for the pairs; null for such a pair.
     */
    private static @Nullable DemandId origin(EndToEndPair pair) {
        return cancellable(pair.demand());
    }

    private static @Nullable DemandId cancellable(@Nullable DemandId request) {
        return request == null || request.overCircuit() ? null : request;
    }

    /** The request was never made: nothing will come for the demand. */
    void withdraw(Demand<?> d) {
        demands.remove(d);
    }

    /** The program no longer wants the demand's pairs (cancelled subscription, or the request failed to start). */
    void cancel(Demand<?> d) {
        if (!demands.contains(d) || d.discarding) {
            return;
        }
        d.discarding = true;
        if (d.request != null) {
            host.cancel(d.request);
        }
    }

    private <T> void take(Demand<T> d, EndToEndPair pair) {
        d.remaining--;
        if (d.discarding) {
            discard(pair);
            if (d.request == null) {
                d.request = origin(pair);
                if (d.request != null) {
                    host.cancel(d.request);
                }
            }
        } else {
            if (d.request == null) {
                d.request = origin(pair);
            }
            d.sink.next(d.convert.apply(pair));
            if (d.remaining == 0) {
                d.sink.complete();
            }
        }
    }

    private void discard(EndToEndPair pair) {
        discarded++;
        host.release(pair);
    }

    private boolean createdThere(EndToEndPair pair) {
        return !pair.pairId().creator().equals(localNode);
    }

    /**
     * A pair goes to the oldest demand of its type, except that a pair the other end created never goes to a
     * demand still creating here: it goes to a receiving demand behind it, if any; if none, both ends create on
     * this socket, which is a misuse of the API.
     */
    void onPair(EndToEndPair pair) {
        boolean there = createdThere(pair);
        Demand<?> creating = null;
        for (Iterator<Demand<?>> it = demands.iterator(); it.hasNext(); ) {
            Demand<?> d = it.next();
            if (d.type != pair.type()) {
                continue;
            }
            if (there && d.create && !d.discarding) {
                creating = creating == null ? d : creating;
                continue;
            }
            take(d, pair);
            if (d.remaining == 0) {
                it.remove();
            }
            runner.signal();
            return;
        }
        if (creating != null) {
            bothEndsCreate(creating, pair);
            return;
        }
        Held held = new Held(pair);
        if (pair.qubit() >= 0) {
            held.timer = host.schedule(UNCLAIMED_NANOS, () -> unclaimed(held));
        }
        buffered.add(held);
    }

    private void bothEndsCreate(Demand<?> creating, EndToEndPair pair) {
        demands.remove(creating);
        String what = pair.type() == RequestType.KEEP ? "Keep" : "Measure";
        creating.sink.error(new org.qnetstack.api.ApiMisuseException(null, description + ": both ends create pairs "
                + "on socket " + pair.socketId() + " (a pair " + pair.remoteNode() + " created reached a create"
                + what + " here): one end calls create" + what + ", the other recv" + what));
        if (creating.request != null) {
            host.cancel(creating.request);
        }
        DemandId theirs = origin(pair);
        discard(pair);
        if (theirs != null) {
            host.cancel(theirs);
        }
        runner.signal();
    }

    private void unclaimed(Held held) {
        if (!buffered.remove(held)) {
            return;
        }
        unclaimed++;
        unclaimedLog.log("{}: pair {} waited {} s for a receive and was released; call recvKeep on this socket",
                description, held.pair.pairId(), UNCLAIMED_NANOS / 1e9);
        DemandId request = origin(held.pair);
        discard(held.pair);
        if (request != null) {
            host.cancel(request);
            // The rest of that request's pairs wait for the same absent receive: give them back now.
            for (Iterator<Held> it = buffered.iterator(); it.hasNext(); ) {
                Held h = it.next();
                if (request.equals(origin(h.pair))) {
                    it.remove();
                    if (h.timer != null) {
                        h.timer.cancel();
                    }
                    unclaimed++;
                    discard(h.pair);
                }
            }
        }
    }

    /** The network's error for this socket, as {@code failure} says it to the application. */
    void onError(NetworkError error, EprException failure) {
        if (error.code() == LinkErrorCode.EXPIRE) {
            return; // one pair was withdrawn at both ends before delivery; the request goes on
        }
        Demand<?> d = demands.poll();
        if (d != null && !d.discarding) {
            d.sink.error(failure);
            runner.signal();
        }
        // A discarding demand's error is the end its program asked for.
    }

    /** Ends every open demand with the error and releases every waiting kept pair. */
    void close(EprErrorCode code, String reason) {
        releaseBuffered();
        for (Demand<?> d : List.copyOf(demands)) {
            if (!d.discarding) {
                d.sink.error(new EprException(code, reason));
                cancel(d);
            }
        }
        runner.signal();
    }

    /**
     * The pairs asked for cannot come (every path to the remote node goes through a node that is down): fails
     * every open demand and forgets it, cancelling its link request if it has one. Pairs already waiting stay.
     */
    void failDemands(EprErrorCode code, String reason) {
        List<Demand<?>> failed = List.copyOf(demands);
        demands.clear(); // forgotten, not discarding: a later pair goes to a later demand
        for (Demand<?> d : failed) {
            if (!d.discarding) {
                d.sink.error(new EprException(code, reason));
            }
            if (d.request != null) {
                host.cancel(d.request);
            }
        }
        runner.signal();
    }

    /** Releases every kept pair waiting for a receive (its partner is gone). */
    void releaseWaiting() {
        releaseBuffered();
    }

    /** The network is closing: releases every waiting kept pair and fails open demands. */
    void shutdown() {
        shutdown(new EprException(EprErrorCode.OTHER, "the network was closed"));
    }

    /** The node stops: releases every waiting kept pair and fails open demands with the error. */
    void shutdown(RuntimeException error) {
        releaseBuffered();
        for (Demand<?> d : demands) {
            if (!d.discarding) {
                d.sink.error(error);
            }
        }
        demands.clear();
        runner.signal();
    }

    private void releaseBuffered() {
        for (Held h : buffered) {
            if (h.timer != null) {
                h.timer.cancel();
            }
            discard(h.pair);
        }
        buffered.clear();
    }

    /** Kept pairs released because no receive claimed them in time. */
    long unclaimed() {
        return unclaimed;
    }

    /** Pairs released without reaching the program (given-up demands, unclaimed, closed). */
    long discarded() {
        return discarded;
    }
}
