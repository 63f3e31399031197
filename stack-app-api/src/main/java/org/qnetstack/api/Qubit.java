package org.qnetstack.api;

import org.qnetstack.hal.QubitAddress;
import reactor.core.publisher.Mono;

/**
 * A qubit held by a program: apply gates (each returns this qubit, to chain), measure, release.
 * A measured or released qubit cannot be used again: any further call throws {@link QubitReleasedException}.
 */
public interface Qubit {
    Qubit x();

    Qubit y();

    Qubit z();

    Qubit h();

    Qubit s();

    Qubit t();

    Qubit rotX(double radians);

    Qubit rotY(double radians);

    Qubit rotZ(double radians);

    /** CNOT with this qubit as control. */
    Qubit cnot(Qubit target);

    Qubit cz(Qubit other);

    /** Measures in Z and releases the qubit. */
    default Mono<Integer> measure() {
        return measure(Basis.Z);
    }

    /** Measures in the basis (outcome 0 for the +1 eigenstate) and releases the qubit. */
    Mono<Integer> measure(Basis basis);

    /** Gives the qubit back to the node; its state is forgotten. Releasing twice is harmless. */
    void release();

    boolean isReleased();

    /**
     * Where the qubit lives, for the simulator's ground truth ({@link SimulatedNetwork#groundTruth()}): a
     * testing aid of the simulator, not a handle an application needs.
     */
    QubitAddress address();
}
