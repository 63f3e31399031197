package org.qnetstack.api.internal;

import org.qnetstack.api.EprMeasurement;
import org.qnetstack.api.EprPair;
import org.qnetstack.api.EprSocket;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.Gate;
import org.qnetstack.link.InvalidRequestException;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.PairRequest;
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

    EprSocketImpl(NodeRuntime node, String remote, int socketId, double minFidelity, boolean phiPlus,
                  long maxTimeNanos) {
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
            throw new InvalidRequestException("minFidelity", "must be in [0, 1] (was " + fidelity + ")");
        }
        return new EprSocketImpl(node, remote, socketId, fidelity, phiPlus, maxTimeNanos);
    }

    @Override
    public EprSocket maxTime(java.time.Duration maxTime) {
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new InvalidRequestException("maxTime", "must be positive (was " + maxTime + ")");
        }
        return new EprSocketImpl(node, remote, socketId, minFidelity, phiPlus, maxTime.toNanos());
    }

    @Override
    public double minimumFidelity() {
        return minFidelity;
    }

    @Override
    public EprSocket phiPlus() {
        return new EprSocketImpl(node, remote, socketId, minFidelity, true, maxTimeNanos);
    }

    private static void checkNumber(int number) {
        if (number < 1) {
            throw new InvalidRequestException("number", "ask for at least one pair (was " + number + ")");
        }
    }

    @Override
    public Flux<EprPair> createKeep(int number) {
        checkNumber(number);
        return pairs(RequestType.KEEP, number, MeasureBasis.Z, true, this::toPair);
    }

    @Override
    public Flux<EprPair> recvKeep(int number) {
        checkNumber(number);
        return pairs(RequestType.KEEP, number, MeasureBasis.Z, false, this::toPair);
    }

    @Override
    public Flux<EprMeasurement> createMeasure(int number, MeasureBasis basis) {
        checkNumber(number);
        checkBasis(basis);
        return pairs(RequestType.MEASURE, number, basis, true, this::toMeasurement);
    }

    @Override
    public Flux<EprMeasurement> recvMeasure(int number) {
        checkNumber(number);
        return pairs(RequestType.MEASURE, number, MeasureBasis.Z, false, this::toMeasurement);
    }

    private static void checkBasis(MeasureBasis basis) {
        if (basis == null) {
            throw new InvalidRequestException("basis", "choose Z, X, Y or RANDOM_XZ");
        }
    }

    private <T> Flux<T> pairs(RequestType type, int number, MeasureBasis basis, boolean create,
                              java.util.function.Function<EndToEndPair, T> convert) {
        return Tracked.flux(Flux.create(sink -> {
            PairInbox inbox = node.inbox(remote, socketId);
            PairInbox.Demand<T> demand = inbox.demand(type, number, sink, convert);
            sink.onCancel(() -> inbox.cancel(demand));
            if (create) {
                try {
                    node.transport().requestPairs(new PairRequest(remote, type, number, minFidelity, basis, socketId, maxTimeNanos));
                } catch (RuntimeException e) {
                    inbox.cancel(demand);
                    sink.error(e);
                }
            }
        }));
    }

    private boolean corrects(EndToEndPair p) {
        return phiPlus && !p.pairId().creator().equals(node.name());
    }

    private EprPair toPair(EndToEndPair p) {
        QubitImpl q = new QubitImpl(node, p.qubit());
        int bell = p.bellIndex();
        if (corrects(p)) {
            if ((bell & 2) != 0) {
                node.device().apply(Gate.X, p.qubit());
            }
            if ((bell & 1) != 0) {
                node.device().apply(Gate.Z, p.qubit());
            }
            bell = 0;
        }
        return new EprPair(p.pairId(), p.remoteNode(), bell, p.fidelity(), p.fidelityTime(), q);
    }

    private EprMeasurement toMeasurement(EndToEndPair p) {
        int outcome = p.outcome();
        int bell = p.bellIndex();
        if (corrects(p)) {
            boolean x = (bell & 2) != 0;
            boolean z = (bell & 1) != 0;
            boolean flip = switch (p.basis()) {
                case Z -> x;
                case X -> z;
                case Y -> x ^ z;
            };
            outcome ^= flip ? 1 : 0;
            bell = 0;
        }
        Basis basis = p.basis();
        return new EprMeasurement(p.pairId(), p.remoteNode(), basis, outcome, bell, p.fidelity(), p.fidelityTime());
    }
}
