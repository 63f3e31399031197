package org.qnetstack.api;

import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.MeasureBasis;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Entangled pairs with one remote node. One side creates, the other receives; both get every pair
 * with the same id and Bell index. A socket is immutable: {@link #minFidelity} and {@link #phiPlus}
 * return a configured copy.
 *
 * <p>Requests are checked when the method is called: a count below 1 or a fidelity outside [0, 1]
 * throws {@link org.qnetstack.link.InvalidRequestException} naming the field. Failures the network
 * reports later (e.g. a fidelity no link can give) end the returned publisher with {@link EprException}.
 */
public interface EprSocket {
    String remoteNode();

    int socketId();

    /** A copy of this socket that asks for at least this fidelity. */
    EprSocket minFidelity(double fidelity);

    double minimumFidelity();

    /**
     * A copy whose create requests give up after this long (simulated time), ending with
     * {@link EprException} of code TIMEOUT at both ends; pairs made before then stand.
     */
    EprSocket maxTime(java.time.Duration maxTime);

    /**
     * A copy that hands out Φ+ pairs: the receiving side applies the Pauli correction of the Bell index
     * (to its qubit for kept pairs, to its outcome for measured pairs in X or Z), so both sides see Φ+.
     */
    EprSocket phiPlus();

    default Mono<EprPair> createKeep() {
        return createKeep(1).single();
    }

    Flux<EprPair> createKeep(int number);

    default Mono<EprPair> recvKeep() {
        return recvKeep(1).single();
    }

    Flux<EprPair> recvKeep(int number);

    /** Measures {@code number} pairs at once, both ends choosing their axes per pair as {@code basis} says. */
    default Flux<EprMeasurement> createMeasure(int number, MeasureBasis basis) {
        if (basis == null) {
            throw new org.qnetstack.link.InvalidRequestException("basis", "choose Z, X, Y, RANDOM_XZ or RANDOM_XYZ");
        }
        return createMeasure(number, basis.choice(), basis.choice());
    }

    /**
     * Measures {@code number} pairs at once, this end choosing its axis per pair as {@code here} says and the
     * other end as {@code there} says (independently): e.g. {@link BasisChoice#chshFirst()} here and
     * {@link BasisChoice#chshSecond()} there for a CHSH test, or {@link BasisChoice#fixed} with any
     * {@link org.qnetstack.hal.MeasurementAxis} for an explicit rotation.
     */
    Flux<EprMeasurement> createMeasure(int number, BasisChoice here, BasisChoice there);

    /**
     * Receives measured pairs. This side measures along the axes the creator asked it to; with a random
     * choice each side draws its own axis for every pair, independently.
     */
    Flux<EprMeasurement> recvMeasure(int number);
}
