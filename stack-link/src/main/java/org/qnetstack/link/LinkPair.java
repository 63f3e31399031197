package org.qnetstack.link;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;

/**
 * The OK reply: a pair delivered at this end, with the ids both ends share.
 *
 * @param createId     the CREATE this pair serves (issued by {@code entanglementId.creator()})
 * @param entanglementId the pair's id, equal at both ends
 * @param purposeId    the requester's purpose id
 * @param remoteNode   the node at the other end
 * @param type         keep or measure-directly
 * @param bellIndex    Bell state of the pair (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−) as heralded
 * @param goodness     fidelity estimate at {@code goodnessTime}
 * @param goodnessTime when the estimate holds, in ns (the herald)
 * @param qubit        the local qubit holding the pair (keep), or −1
 * @param basis        measurement basis (measure-directly), or null
 * @param outcome      measurement outcome (measure-directly), or −1
 */
public record LinkPair(CreateId createId, EntanglementId entanglementId, int purposeId, String remoteNode,
                       RequestType type, int bellIndex, double goodness, long goodnessTime, int qubit,
                       @Nullable Basis basis, int outcome) {
}
