package org.qnetstack.api;

import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Teleportation over a kept pair: the sender's Bell-state measurement and two classical bits, the
 * receiver's Pauli correction. The pair's Bell index is folded in, so any of the four Bell states
 * works (docs/physics.md: with a pair of index b, XOR b into the outcome first).
 *
 * <p>Two ways to use it. Over a pair the program already holds: {@link #send(Node, Qubit, EprPair)} and
 * {@link #receive(Node, EprPair)}. Or end to end over a socket, the pair made for the purpose (over a link or
 * a repeater circuit): {@link #send(Node, EprSocket, Qubit)} and {@link #receive(Node, EprSocket)}, which end in
 * {@link TeleportFailedException} at both ends if the pair cannot be made or comes below the socket's minimum
 * fidelity. Either way, successive teleports between two nodes are received in the order they were sent.
 */
public final class Teleport {
    /** The classical channel teleportation uses for its correction bits; applications use channels ≥ 0. */
    public static final int CHANNEL = -1;
    /** First element of a message telling the receiver that this teleportation was given up. */
    private static final int ABORT = -1;

    private Teleport() {
    }

    /**
     * Sends the qubit's state to the pair's other end and releases both qubits here. Blocks until the
     * correction bits are sent; call it from a sequential program.
     */
    public static void send(Node node, Qubit qubit, EprPair pair) {
        bellMeasurementAndBits(node, qubit, pair).block();
    }

    /** Receives the teleported state into the pair's local half, and returns that qubit. Blocks. */
    public static Qubit receive(Node node, EprPair pair) {
        List<?> bits = channel(node, pair.remoteNode()).recv(List.class).block();
        return correct(pair, bits);
    }

    /**
     * Teleports the qubit's state to the socket's remote node over a pair made for it, with the socket's
     * minimum fidelity and max time; the receiver calls {@link #receive(Node, EprSocket)}. Completes once the
     * correction bits are sent (the qubit released). Fails with {@link TeleportFailedException}, the qubit kept
     * with its state, if the pair cannot be made or its fidelity is below the socket's minimum; the receiver
     * is told and fails likewise.
     */
    public static Mono<Void> send(Node node, EprSocket socket, Qubit qubit) {
        return send(node, socket, qubit, socket.minimumFidelity());
    }

    /** As {@link #send(Node, EprSocket, Qubit)}, refusing a pair whose fidelity estimate is below {@code required}. */
    static Mono<Void> send(Node node, EprSocket socket, Qubit qubit, double required) {
        String remote = socket.remoteNode();
        return socket.createKeep()
                .onErrorResume(EprException.class, e -> abort(node, remote, TeleportFailedException.Reason.NO_PAIR,
                        e.code(), false, "no pair for teleporting to " + remote + ": " + e.getMessage()
                                + "; the qubit keeps its state: try again (a longer maxTime, a lower minFidelity) or "
                                + "release it"))
                .flatMap(pair -> {
                    if (pair.fidelity() < required) {
                        pair.qubit().release();
                        return abort(node, remote, TeleportFailedException.Reason.BELOW_FIDELITY, null, true,
                                String.format("the pair for teleporting to %s has fidelity %.4f, below the %.4f "
                                        + "asked for; the qubit keeps its state: try again, or ask for less",
                                        remote, pair.fidelity(), required));
                    }
                    return bellMeasurementAndBits(node, qubit, pair);
                });
    }

    /**
     * Receives one teleported state from the socket's remote node (sent with {@link #send(Node, EprSocket,
     * Qubit)}) and emits the qubit holding it. Fails with {@link TeleportFailedException} if the sender gave
     * the teleportation up, with every qubit of it released here.
     */
    public static Mono<Qubit> receive(Node node, EprSocket socket) {
        // The bits come first: they say whether a pair was made at all (a pair that came first waits here).
        return channel(node, socket.remoteNode()).recv(List.class).flatMap(bits -> {
            if ((Integer) bits.get(0) != ABORT) {
                return socket.recvKeep().map(pair -> correct(pair, bits));
            }
            TeleportFailedException.Reason reason = TeleportFailedException.Reason.values()[(Integer) bits.get(1)];
            int code = (Integer) bits.get(2);
            TeleportFailedException failure = new TeleportFailedException(reason,
                    code < 0 ? null : EprErrorCode.values()[code], "the teleportation from " + socket.remoteNode()
                    + " was given up there: " + bits.get(4));
            Mono<Void> releasePair = Boolean.TRUE.equals(bits.get(3))
                    ? socket.recvKeep().doOnNext(p -> p.qubit().release()).then() : Mono.empty();
            return releasePair.then(Mono.error(failure));
        });
    }

    private static Mono<Void> bellMeasurementAndBits(Node node, Qubit qubit, EprPair pair) {
        return Mono.defer(() -> {
            Qubit half = pair.qubit();
            qubit.cnot(half);
            qubit.h();
            return qubit.measure(Basis.Z).zipWith(half.measure(Basis.Z)).flatMap(m ->
                    channel(node, pair.remoteNode()).send(List.of(m.getT2(), m.getT1(), pair.bellIndex())));
        });
    }

    /** Tells the receiver, then fails here. */
    private static <T> Mono<T> abort(Node node, String remote, TeleportFailedException.Reason reason,
                                     @Nullable EprErrorCode code, boolean pairMade, String message) {
        return channel(node, remote).send(List.of(ABORT, reason.ordinal(), code == null ? -1 : code.ordinal(),
                pairMade, message)).then(Mono.error(new TeleportFailedException(reason, code, message)));
    }

    private static ClassicalSocket channel(Node node, String remote) {
        return node.classicalSocket(remote, CHANNEL);
    }

    private static Qubit correct(EprPair pair, List<?> bits) {
        Qubit q = pair.qubit();
        foldToPhiPlus(q, sharedBellIndex((Integer) bits.get(2), pair.bellIndex()));
        if ((Integer) bits.get(0) == 1) {
            q.x();
        }
        if ((Integer) bits.get(1) == 1) {
            q.z();
        }
        return q;
    }

    /**
     * The Bell state the two halves share, from each end's view: equal views are the heralded state; with
     * {@link EprSocket#phiPlus()} one end corrected its half and reports 0, and the pair is Φ+ whichever end it was.
     */
    static int sharedBellIndex(int senderView, int receiverView) {
        return senderView == receiverView ? senderView : 0;
    }

    /** Turns the pair of the Bell index into Φ+ by a Pauli on this half (X for Ψ, then Z for the minus sign). */
    static void foldToPhiPlus(Qubit half, int bellIndex) {
        if ((bellIndex & 2) != 0) {
            half.x();
        }
        if ((bellIndex & 1) != 0) {
            half.z();
        }
    }
}
