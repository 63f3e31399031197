package org.qnetstack.link;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.MeasurementAxis;

/**
 * The OK reply: a pair delivered at this end, with the ids both ends share. OK-K (keep) carries the qubit
 * and the goodness with its time; OK-M (measure-directly) the axis and the outcome.
 *
 * @param createId       the CREATE this pair serves (issued by {@code entanglementId.creator()})
 * @param entanglementId the pair's id, equal at both ends
 * @param purposeId      the requester's purpose id
 * @param remoteNode     the node at the other end
 * @param type           keep or measure-directly
 * @param bellIndex      Bell state of the pair (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−) as heralded
 * @param goodness       fidelity estimate at {@code goodnessTime} (see {@link FidelityEstimate#goodness()})
 * @param goodnessTime   when the estimate holds, in ns (the herald)
 * @param qubit          the local qubit holding the pair (keep, the logical qubit id), or −1
 * @param axis           the axis this end measured along (measure-directly), or null
 * @param outcome        measurement outcome (measure-directly), or −1
 */
public record LinkPair(CreateId createId, EntanglementId entanglementId, int purposeId, String remoteNode,
                       RequestType type, int bellIndex, double goodness, long goodnessTime, int qubit,
                       @Nullable MeasurementAxis axis, int outcome) {

    /** The Pauli basis measured in, or null if the pair was kept or measured along another axis. */
    public @Nullable Basis basis() {
        return axis == null ? null : axis.pauli();
    }

    /** The directionality: true if this end asked for the pair, false if the other end did. */
    public boolean requestedHere() {
        return !entanglementId.creator().equals(remoteNode);
    }
}
