package org.qnetstack.physical;

import org.jspecify.annotations.Nullable;

import org.qnetstack.hal.Basis;

/**
 * What a node does in one time slot of a link: attempt entanglement for a queue item with
 * bright-state population α, then keep the communication qubit (K) or measure it at once in a basis (M).
 *
 * @param queueItem the link layer's id of the request being served; both ends must attempt for the same one
 * @param alpha     bright-state population
 * @param basis     measurement basis for measure-directly, or null to keep the qubit
 */
public record AttemptPlan(long queueItem, double alpha, @Nullable Basis basis) {
    public boolean keep() {
        return basis == null;
    }
}
