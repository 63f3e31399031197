package org.qnetstack.api;

/**
 * One half of an entangled pair, kept in memory.
 *
 * @param id           the pair's id, equal at both ends
 * @param remoteNode   the node holding the other half
 * @param bellIndex    the pair's Bell state: 0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ− (0 once corrected to Φ+)
 * @param fidelity     fidelity estimate at {@code fidelityTime}
 * @param fidelityTime when the estimate holds, in ns
 * @param qubit        the local half
 * @param estimate     the model's estimate and the measured interval of the socket's pairs with that node
 */
public record EprPair(PairId id, String remoteNode, int bellIndex, double fidelity, long fidelityTime,
                      Qubit qubit, FidelityEstimate estimate) {
    /** A pair known by its model estimate alone. */
    public EprPair(PairId id, String remoteNode, int bellIndex, double fidelity, long fidelityTime, Qubit qubit) {
        this(id, remoteNode, bellIndex, fidelity, fidelityTime, qubit, FidelityEstimate.modelOnly(fidelity));
    }
}
