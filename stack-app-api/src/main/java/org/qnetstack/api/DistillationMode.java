package org.qnetstack.api;

/**
 * Whether and how the network distils a request's pairs before swapping them ({@link PairQuality#distillation}).
 * With a protocol named, the network picks the fewest rounds of it that meet the request's minimum fidelity.
 */
public enum DistillationMode {
    /** No distillation: pairs are swapped as the links make them. */
    NONE,
    /** DEJMPS recurrence (Deutsch et al. 1996), the fewest rounds that meet the minimum fidelity. */
    DEJMPS,
    /** BBPSSW recurrence (Bennett et al. 1996), the fewest rounds that meet the minimum fidelity. */
    BBPSSW,
    /** Chosen by the network: none if that meets the minimum fidelity, else the fewest DEJMPS rounds that do. */
    AUTO
}
