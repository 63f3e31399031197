package org.qnetstack.physical;

import org.jspecify.annotations.Nullable;

import org.qnetstack.hal.MeasurementAxis;

/**
 * What a node does in one time slot of a link: attempt entanglement for a queue item with
 * bright-state population α, then keep the communication qubit (K) or measure it at once along an axis (M).
 *
 * @param queueItem the link layer's id of the request being served; both ends must attempt for the same one
 * @param alpha     bright-state population
 * @param axis      measurement axis for measure-directly, or null to keep the qubit
 */
public record AttemptPlan(long queueItem, double alpha, @Nullable MeasurementAxis axis) {
    public boolean keep() {
        return axis == null;
    }
}
