package org.qnetstack.api;

import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Entangled pairs with one remote node. One side creates, the other receives; both get every pair
 * with the same id and Bell index. A socket is immutable: {@link #minFidelity} and {@link #phiPlus}
 * return a configured copy.
 *
 * <p>Requests are checked when the method is called: a count below 1 or a fidelity outside [0, 1]
 * throws {@link ApiMisuseException} naming the parameter. Failures the network
 * reports later (e.g. a fidelity no link can give) end the returned publisher with {@link EprException}.
 */
public interface EprSocket extends AutoCloseable {
    String remoteNode();

    int socketId();

    /**
     * A copy of this socket that asks for at least this fidelity. Alone, it asks best effort as always: the
     * shortest path, each link asked for its share of the fidelity, nothing planned or refused in advance. On a
     * socket given a {@link PairQuality} ({@link #with}), it is that quality's {@link PairQuality#withMinFidelity}.
     */
    EprSocket minFidelity(double fidelity);

    double minimumFidelity();

    /**
     * A copy of this socket whose requests ask for this quality of service: the network plans each request
     * before making any pair (path by expected fidelity and rate with memory decay, the distillation and cutoff
     * left to it), reserves the rate asked, and refuses what it cannot meet: the returned publisher then ends
     * with {@link EprException} of code {@link EprErrorCode#REFUSED} carrying a {@link RefusalReason}.
     *
     * @throws ApiMisuseException if quality is null
     */
    EprSocket with(PairQuality quality);

    /** The quality this socket asks for, if it was given one ({@link #with}). */
    java.util.Optional<PairQuality> quality();

    /**
     * A copy whose create requests give up after this long (simulated time), ending with
     * {@link EprException} of code TIMEOUT at both ends; pairs made before then stand. On a socket given a
     * {@link PairQuality}, it is that quality's {@link PairQuality#withMaxTime}.
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
            throw new ApiMisuseException("basis", "choose Z, X, Y, RANDOM_XZ or RANDOM_XYZ");
        }
        return createMeasure(number, basis.choice(), basis.choice());
    }

    /**
     * Measures {@code number} pairs at once, this end choosing its axis per pair as {@code here} says and the
     * other end as {@code there} says (independently): e.g. {@link BasisChoice#chshFirst()} here and
     * {@link BasisChoice#chshSecond()} there for a CHSH test, or {@link BasisChoice#fixed} with any
     * {@link MeasurementAxis} for an explicit rotation.
     */
    Flux<EprMeasurement> createMeasure(int number, BasisChoice here, BasisChoice there);

    /**
     * Receives measured pairs. This side measures along the axes the creator asked it to; with a random
     * choice each side draws its own axis for every pair, independently.
     */
    Flux<EprMeasurement> recvMeasure(int number);

    /**
     * Sequential mode: makes {@code number} kept pairs one at a time. Each pair goes to {@code each}, and the
     * next is asked of the network only once the publisher {@code each} returned has completed; the pair's
     * qubit is then released if {@code each} did not measure or release it. So a program can use far more
     * pairs than its node has qubits: at most one pair of the call is held here at a time. Each pair is a
     * request of its own, with this socket's minimum fidelity and max time.
     *
     * <p>The flux emits what the handlers emit, in order. It fails at the first error (the network's as
     * {@link EprException}, or the handler's); cancelling it cancels the pair in hand or being made, at both
     * ends. From a sequential program: {@code socket.createKeep(50, p -> p.qubit().measure(Basis.X))
     * .collectList().block()}; to block inside the handler, use {@link #createKeepEach}.
     */
    <R> Flux<R> createKeep(int number, Function<? super EprPair, ? extends Publisher<R>> each);

    /** Sequential mode at the receiving end: {@code number} kept pairs, one at a time, as {@link #createKeep(int, Function)}. */
    <R> Flux<R> recvKeep(int number, Function<? super EprPair, ? extends Publisher<R>> each);

    /**
     * Sequential mode for sequential programs: as {@link #createKeep(int, Function)}, but {@code each} runs on the
     * program's thread and may block (measure, send and receive classical messages, teleport); returns once the
     * last pair has been handled. An exception of {@code each} or of the network ({@link EprException}) ends
     * the loop and is thrown here, after the pair in hand is released.
     *
     * @throws ApiMisuseException   if called from anywhere but a {@link NodeProgram}'s thread (a reactive
     *                               program uses {@link #createKeep(int, Function)} instead)
     */
    void createKeepEach(int number, Consumer<? super EprPair> each);

    /** Sequential mode at the receiving end, for sequential programs: as {@link #createKeepEach}. */
    void recvKeepEach(int number, Consumer<? super EprPair> each);

    /**
     * Closes this socket id with the remote node at this end. Every open request on it ends here with
     * {@link EprException} of code CANCELLED; its link request is cancelled, so the other end's ends with
     * CANCELLED too once the pairs both ends had agreed on are delivered; pairs waiting here or still arriving
     * for it are released. Any later request on this socket or a copy of it throws {@link ApiMisuseException}:
     * take a fresh socket with {@link Node#eprSocket}. Closing twice is harmless.
     */
    @Override
    void close();
}
