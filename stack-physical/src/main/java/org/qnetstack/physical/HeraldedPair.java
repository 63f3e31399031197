package org.qnetstack.physical;

import org.jspecify.annotations.Nullable;

import org.qnetstack.hal.MeasurementAxis;

/**
 * A pair heralded by the station, as one end sees it.
 *
 * @param link       link name
 * @param slot       the slot of the successful attempt
 * @param stationSeq the station's sequence number of the herald (equal at both ends)
 * @param queueItem  the queue item both ends attempted for
 * @param bellIndex  2 (Ψ+) or 3 (Ψ−), from the detector that clicked
 * @param qubit      the communication qubit holding the pair (keep), or −1 (measured)
 * @param axis       the axis it was measured along (measure-directly), or null
 * @param outcome    the measurement outcome (measure-directly), or −1
 * @param heraldTime when this end learnt of the herald, in ns
 */
public record HeraldedPair(String link, long slot, long stationSeq, long queueItem, int bellIndex, int qubit,
                           @Nullable MeasurementAxis axis, int outcome, long heraldTime) {
}
