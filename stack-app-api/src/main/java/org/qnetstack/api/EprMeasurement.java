package org.qnetstack.api;

import org.jspecify.annotations.Nullable;

/**
 * One half of a pair measured at once (measure-directly).
 *
 * @param id           the pair's id, equal at both ends
 * @param remoteNode   the other end
 * @param axis         the axis this end measured along (with {@link EprSocket#phiPlus()} at the correcting
 *                     end: the axis the Φ+-corrected qubit was effectively measured along)
 * @param outcome      0 or 1
 * @param bellIndex    the pair's Bell state (0 once corrected to Φ+)
 * @param fidelity     fidelity estimate of the pair when heralded
 * @param fidelityTime when the estimate holds, in ns
 * @param estimate     the model's estimate and the measured interval of the socket's pairs with that node
 */
public record EprMeasurement(PairId id, String remoteNode, MeasurementAxis axis, int outcome, int bellIndex,
                             double fidelity, long fidelityTime, FidelityEstimate estimate) {
    /** A measurement known by its model estimate alone. */
    public EprMeasurement(PairId id, String remoteNode, MeasurementAxis axis, int outcome, int bellIndex,
                          double fidelity, long fidelityTime) {
        this(id, remoteNode, axis, outcome, bellIndex, fidelity, fidelityTime, FidelityEstimate.modelOnly(fidelity));
    }

    /** The Pauli basis measured in, or null if the axis is not a Pauli axis. */
    public @Nullable Basis basis() {
        return axis.pauli();
    }
}
