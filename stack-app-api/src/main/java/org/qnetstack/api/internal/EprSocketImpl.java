package org.qnetstack.api.internal;

import org.qnetstack.api.EprException;
import org.qnetstack.api.EprMeasurement;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.EprSocket;
import org.qnetstack.hal.Gate;
import org.qnetstack.api.ApiMisuseException;
import org.qnetstack.api.BasisChoice;
import org.qnetstack.api.EprErrorCode;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.link.RequestType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.qnetstack.api.PairQuality;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.PairRequest;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** An EPR socket: requests go down through the transport; pairs come up through the node's inbox. */
final class EprSocketImpl implements EprSocket {
    /** Asked for when the program does not say: high enough to be useful on every shipped preset. */
    static final double DEFAULT_MIN_FIDELITY = 0.8;

    private final NodeRuntime node;
    private final String remote;
    private final int socketId;
    private final double minFidelity;
    private final boolean phiPlus;
    private final long maxTimeNanos;
    /** What the socket asks of the network's controller, or null: best effort (minFidelity, maxTime). */
    private final @Nullable PairQuality quality;
    /** Shared by a socket and its configured copies: closing one closes them all. */
    private final Lifecycle lifecycle;

    private static final class Lifecycle {
        boolean closed;
    }

    EprSocketImpl(NodeRuntime node, String remote, int socketId) {
        this(node, remote, socketId, DEFAULT_MIN_FIDELITY, false, 0, null, new Lifecycle());
    }

    private EprSocketImpl(NodeRuntime node, String remote, int socketId, double minFidelity, boolean phiPlus,
                          long maxTimeNanos, @Nullable PairQuality quality, Lifecycle lifecycle) {
        this.quality = quality;
        this.lifecycle = lifecycle;
        this.node = node;
        this.remote = remote;
        this.socketId = socketId;
        this.minFidelity = minFidelity;
        this.phiPlus = phiPlus;
        this.maxTimeNanos = maxTimeNanos;
    }

    @Override
    public String remoteNode() {
        return remote;
    }

    @Override
    public int socketId() {
        return socketId;
    }

    @Override
    public EprSocket minFidelity(double fidelity) {
        if (!(fidelity >= 0 && fidelity <= 1)) {
            throw new ApiMisuseException("minFidelity", "must be in [0, 1] (was " + fidelity + ")");
        }
        if (quality != null) {
            return with(quality.withMinFidelity(fidelity));
        }
        return new EprSocketImpl(node, remote, socketId, fidelity, phiPlus, maxTimeNanos, null, lifecycle);
    }

    @Override
    public EprSocket maxTime(java.time.Duration maxTime) {
        if (maxTime == null || maxTime.isNegative() || maxTime.isZero()) {
            throw new ApiMisuseException("maxTime", "must be positive (was " + maxTime + ")");
        }
        if (quality != null) {
            return with(quality.withMaxTime(maxTime));
        }
        return new EprSocketImpl(node, remote, socketId, minFidelity, phiPlus,
                Durations.nanos(maxTime, "maxTime"), null, lifecycle);
    }

    @Override
    public EprSocket with(PairQuality quality) {
        if (quality == null) {
            throw new ApiMisuseException("quality", "give a PairQuality (PairQuality.atLeast(0.9), "
                    + "PairQuality.DEFAULT.withRate(..)...)");
        }
        long maxTime = quality.maxTime() == null ? 0 : Durations.nanos(quality.maxTime(), "maxTime");
        return new EprSocketImpl(node, remote, socketId, quality.minFidelity(), phiPlus, maxTime, quality, lifecycle);
    }

    @Override
    public Optional<PairQuality> quality() {
        return Optional.ofNullable(quality);
    }

    @Override
    public double minimumFidelity() {
        return minFidelity;
    }

    @Override
    public EprSocket phiPlus() {
        return new EprSocketImpl(node, remote, socketId, minFidelity, true, maxTimeNanos, quality, lifecycle);
    }

    private void checkNumber(int number) {
        if (number < 1) {
            throw new ApiMisuseException("number", "ask for at least one pair (was " + number + ")");
        }
        if (lifecycle.closed) {
            throw new ApiMisuseException(null, "the EPR socket " + socketId + " with " + remote + " was closed at "
                    + node.name() + "; take a fresh one with node.eprSocket(\"" + remote + "\", " + socketId + ")");
        }
    }

    @Override
    public void close() {
        if (!lifecycle.closed && !node.crashed()) {
            lifecycle.closed = true;
            node.inbox(remote, socketId).close(EprErrorCode.CANCELLED, "the EPR socket " + socketId + " with " + remote
                    + " was closed at " + node.name() + " while this request was open; its pairs were released");
        }
    }

    @Override
    public <R> Flux<R> createKeep(int number, Function<? super EprPair, ? extends Publisher<R>> each) {
        return oneByOne(number, true, each);
    }

    @Override
    public <R> Flux<R> recvKeep(int number, Function<? super EprPair, ? extends Publisher<R>> each) {
        return oneByOne(number, false, each);
    }

    /** One request per pair, the next made once the handler's publisher is done; the pair released then. */
    private <R> Flux<R> oneByOne(int number, boolean create, Function<? super EprPair, ? extends Publisher<R>> each) {
        checkNumber(number);
        if (each == null) {
            throw new ApiMisuseException("each", "give a handler for each pair");
        }
        // Prefetch 0: the next pair is asked for only once the previous handler's publisher has completed.
        return Tracked.flux(() -> describe(create ? "createKeep" : "recvKeep"), Flux.range(0, number).concatMap(i -> pairs(RequestType.KEEP, 1, KEPT, KEPT, create,
                this::toPair).concatMap(pair -> Flux.using(() -> pair, each, p -> p.qubit().release())), 0));
    }

    @Override
    public void createKeepEach(int number, Consumer<? super EprPair> each) {
        eachBlocking(number, true, each);
    }

    @Override
    public void recvKeepEach(int number, Consumer<? super EprPair> each) {
        eachBlocking(number, false, each);
    }

    private void eachBlocking(int number, boolean create, Consumer<? super EprPair> each) {
        checkNumber(number);
        if (each == null) {
            throw new ApiMisuseException("each", "give a handler for each pair");
        }
        if (!ProgramRunner.onProgramThread()) {
            throw new ApiMisuseException(null, "createKeepEach and recvKeepEach block: call them from a NodeProgram "
                    + "(net.run); a reactive program uses createKeep(number, pair -> publisher) instead");
        }
        for (int i = 0; i < number; i++) {
            EprPair pair = pairs(RequestType.KEEP, 1, KEPT, KEPT, create, this::toPair).single().block();
            try {
                each.accept(pair);
            } finally {
                pair.qubit().release();
            }
        }
    }

    @Override
    public Flux<EprPair> createKeep(int number) {
        checkNumber(number);
        return pairs(RequestType.KEEP, number, KEPT, KEPT, true, this::toPair);
    }

    @Override
    public Flux<EprPair> recvKeep(int number) {
        checkNumber(number);
        return pairs(RequestType.KEEP, number, KEPT, KEPT, false, this::toPair);
    }

    @Override
    public Flux<EprMeasurement> createMeasure(int number, BasisChoice here, BasisChoice there) {
        checkNumber(number);
        if (here == null || there == null) {
            throw new ApiMisuseException("basis", "give a basis choice for each end, e.g. BasisChoice.randomXz()");
        }
        return pairs(RequestType.MEASURE, number, ApiTypes.lower(here), ApiTypes.lower(there), true,
                this::toMeasurement);
    }

    @Override
    public Flux<EprMeasurement> recvMeasure(int number) {
        checkNumber(number);
        return pairs(RequestType.MEASURE, number, KEPT, KEPT, false, this::toMeasurement);
    }

    private <T> Flux<T> pairs(RequestType type, int number, org.qnetstack.link.BasisChoice here,
                              org.qnetstack.link.BasisChoice there, boolean create,
                              java.util.function.Function<EndToEndPair, T> convert) {
        return Tracked.flux(() -> describe((create ? "create" : "recv") + (type == RequestType.KEEP ? "Keep" : "Measure")), Flux.create(sink -> {
            String down = node.unreachableBecauseDown(remote);
            if (down != null) {
                sink.error(new EprException(EprErrorCode.UNREACHABLE, down)); // fail fast rather than wait for it
                return;
            }
            PairInbox inbox = node.inbox(remote, socketId);
            PairInbox.Demand<T> demand = inbox.demand(type, create, number, sink, convert);
            sink.onCancel(() -> inbox.cancel(demand));
            if (create) {
                try {
                    inbox.created(demand, node.transport().requestPairs(request(type, number, here, there)));
                } catch (org.qnetstack.link.InvalidRequestException e) {
                    inbox.withdraw(demand);
                    sink.error(ApiTypes.misuse(e)); // the API's own exception, same field and reason
                } catch (RuntimeException e) {
                    inbox.withdraw(demand);
                    sink.error(node.planner().refusal(e)); // a refusal before any pair: where, which figure
                }
            }
        }));
    }

    /**
     * The network's request for a create: best effort as always without a quality (the controller admits it only
     * if the user gave one for every request), else planned by the controller now (distillation and cutoff chosen
     * as the quality leaves them), at the quality's rate.
     *
     * @throws EprException REFUSED if the controller cannot meet the quality
     */
    private PairRequest request(RequestType type, int number, org.qnetstack.link.BasisChoice here,
                                org.qnetstack.link.BasisChoice there) {
        if (quality == null) {
            PairRequest r = new PairRequest(remote, type, number, minFidelity, here, there, socketId, maxTimeNanos,
                    node.circuitPolicy());
            return node.admitsEveryRequest() ? r : r.bestEffort();
        }
        return new PairRequest(remote, type, number, quality.minFidelity(), here, there, socketId, maxTimeNanos,
                node.planner().plan(remote, quality, type == RequestType.MEASURE), quality.pairsPerSecond(), true,
                ApiTypes.testing(quality));
    }

    private String describe(String call) {
        return call + " with " + remote + " on socket " + socketId;
    }

    /** Kept pairs are measured by the application: the basis fields are unused. */
    private static final org.qnetstack.link.BasisChoice KEPT = org.qnetstack.link.BasisChoice.fixed(MeasurementAxis.Z);

    private boolean corrects(EndToEndPair p) {
        return phiPlus && !p.pairId().creator().equals(node.name());
    }

    private EprPair toPair(EndToEndPair p) {
        QubitImpl q = new QubitImpl(node, p.qubit());
        int bell = p.bellIndex();
        if (corrects(p)) {
            if ((bell & 2) != 0) {
                node.operations().apply(Gate.X, p.qubit());
            }
            if ((bell & 1) != 0) {
                node.operations().apply(Gate.Z, p.qubit());
            }
            bell = 0;
        }
        return new EprPair(ApiTypes.pairId(p.pairId()), p.remoteNode(), bell, p.fidelity(), p.fidelityTime(), q,
                ApiTypes.estimate(p));
    }

    /**
     * With {@link #phiPlus()}, the correcting end reports what the Φ+-corrected qubit gave: the correction
     * X^x Z^z would have come before the measurement, so the qubit was in effect measured along the axis
     * reflected by that Pauli. A Pauli axis reflects onto itself or its opposite (the outcome flips); any
     * other axis is reported as reflected, with its outcome as measured.
     */
    private EprMeasurement toMeasurement(EndToEndPair p) {
        int outcome = p.outcome();
        int bell = p.bellIndex();
        MeasurementAxis axis = p.axis();
        if (corrects(p)) {
            boolean x = (bell & 2) != 0;
            boolean z = (bell & 1) != 0;
            double[] v = axis.bloch();
            // Z flips x and y, X flips y and z: applied in turn.
            double vx = v[0] * (z ? -1 : 1);
            double vy = v[1] * (z ^ x ? -1 : 1);
            double vz = v[2] * (x ? -1 : 1);
            MeasurementAxis reflected = MeasurementAxis.fromBloch(vx, vy, vz);
            if (reflected.pauli() == null && reflected.opposite().pauli() != null) {
                reflected = reflected.opposite();
                outcome ^= 1;
            }
            axis = reflected;
            bell = 0;
        }
        return new EprMeasurement(ApiTypes.pairId(p.pairId()), p.remoteNode(), ApiTypes.axis(axis), outcome, bell,
                p.fidelity(), p.fidelityTime(), ApiTypes.estimate(p));
    }
}
