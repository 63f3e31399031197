package org.qnetstack.api;

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

    Flux<EprMeasurement> createMeasure(int number, MeasureBasis basis);

    /**
     * Receives measured pairs. This side measures in the basis the creator asked for; with
     * {@link MeasureBasis#RANDOM_XZ} each side draws its own basis for every pair, independently.
     */
    Flux<EprMeasurement> recvMeasure(int number);
}
