package org.qnetstack.network;

import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.RequestType;

/**
 * A pair delivered to an end node, with the ids both ends share.
 *
 * @param circuit      the circuit it came over
 * @param pairId       its id, equal at both ends
 * @param socketId     the requester's socket id
 * @param remoteNode   the other end
 * @param type         keep or measure-directly
 * @param bellIndex    its Bell state (0 Φ+, 1 Φ−, 2 Ψ+, 3 Ψ−), with every swap's outcome folded in
 * @param fidelity     fidelity estimate at {@code fidelityTime}
 * @param fidelityTime when the estimate holds, in ns
 * @param qubit        the local qubit holding it (keep), or −1
 * @param axis         the axis this end measured along (measure-directly), or null
 * @param outcome      measurement outcome (measure-directly), or −1
 * @param fidelityLower lower end of the interval the true fidelity lies in at {@code fidelityTime}
 * @param fidelityUpper upper end of that interval. With a network model both ends are bounds, not statistics:
 *                     they hold whenever the links' pairs are the Werner pairs of their reported fidelity and
 *                     gates are perfect; the upper end assumes no memory decay, the lower one the worst decay
 *                     the model's T1 and T2 allow over the pair's age (see {@code FidelityBounds}). Without a
 *                     model the network knows no bound: [0, 1]
 * @param demand       the request the pair was made for, as this node can cancel it ({@link
 *                     NetworkService#cancel(DemandId)}): over a single link, the request at both ends; over a
 *                     circuit, at its head only. Null at a circuit's other end (its head owns the request)
 * @param measured     what the test pairs of the socket's circuits with this remote node showed before this pair
 *                     ({@link FidelityTesting}), or null if the request asked for no test pairs
 */
public record EndToEndPair(CircuitId circuit, EntanglementId pairId, int socketId, String remoteNode, RequestType type,
                           int bellIndex, double fidelity, long fidelityTime, int qubit, @Nullable MeasurementAxis axis,
                           int outcome, double fidelityLower, double fidelityUpper, @Nullable DemandId demand,
                           @Nullable MeasuredFidelity measured) {
    /** A pair without test figures whose request is not named. */
    public EndToEndPair(CircuitId circuit, EntanglementId pairId, int socketId, String remoteNode, RequestType type,
                        int bellIndex, double fidelity, long fidelityTime, int qubit, @Nullable MeasurementAxis axis,
                        int outcome, double fidelityLower, double fidelityUpper) {
        this(circuit, pairId, socketId, remoteNode, type, bellIndex, fidelity, fidelityTime, qubit, axis, outcome,
                fidelityLower, fidelityUpper, null, null);
    }

    /** A pair whose fidelity is not bounded (the interval is [0, 1]) and whose request is not named. */
    public EndToEndPair(CircuitId circuit, EntanglementId pairId, int socketId, String remoteNode, RequestType type,
                        int bellIndex, double fidelity, long fidelityTime, int qubit, @Nullable MeasurementAxis axis,
                        int outcome) {
        this(circuit, pairId, socketId, remoteNode, type, bellIndex, fidelity, fidelityTime, qubit, axis, outcome, 0, 1,
                null, null);
    }

    /** The Pauli basis measured in, or null (kept, or measured along another axis). */
    public @Nullable Basis basis() {
        return axis == null ? null : axis.pauli();
    }
}
