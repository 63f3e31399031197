package org.qnetstack.network;

import org.qnetstack.link.InvalidRequestException;

/**
 * Distillation a circuit applies: {@code rounds} rounds of the protocol, each consuming two pairs for one
 * (2^rounds pairs per delivered pair when every round succeeds), on every link before it is swapped.
 *
 * @param protocol DEJMPS or BBPSSW
 * @param rounds   rounds of recurrence, 1 to {@link #MAX_ROUNDS}
 */
public record Distillation(DistillationProtocol protocol, int rounds) {
    /** More rounds would need more qubits than any preset has and pairs that outlive their memories. */
    public static final int MAX_ROUNDS = 4;

    public Distillation {
        if (protocol == null) {
            throw new InvalidRequestException("distillation.protocol", "choose DEJMPS or BBPSSW");
        }
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new InvalidRequestException("distillation.rounds", "must be in 1.." + MAX_ROUNDS + " (was "
                    + rounds + ")");
        }
    }
}
