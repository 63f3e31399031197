package org.qnetstack.api;

import org.qnetstack.hal.Basis;
import org.qnetstack.link.EntanglementId;

/**
 * One half of a pair measured at once (measure-directly).
 *
 * @param id           the pair's id, equal at both ends
 * @param remoteNode   the other end
 * @param basis        the basis this end measured in
 * @param outcome      0 or 1
 * @param bellIndex    the pair's Bell state (0 once corrected to Φ+)
 * @param fidelity     fidelity estimate of the pair when heralded
 * @param fidelityTime when the estimate holds, in ns
 */
public record EprMeasurement(EntanglementId id, String remoteNode, Basis basis, int outcome, int bellIndex,
                             double fidelity, long fidelityTime) {
}
