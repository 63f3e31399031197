/**
 * The network layer: end-to-end pairs between end nodes, each delivered at both ends with its circuit,
 * pair id and Bell index, over a direct link or across repeaters that swap and report their swaps. A
 * request's {@link org.qnetstack.network.CircuitPolicy} adds rules at every node of its circuit: DEJMPS or
 * BBPSSW distillation on each link before swapping, and a cutoff past which waiting pairs are discarded.
 * With a {@link org.qnetstack.network.NetworkModel} the network's controller routes by expected fidelity,
 * rate and memory lifetime ({@link org.qnetstack.network.Route}), reserves a request's
 * {@code pairsPerSecond} or refuses it ({@link org.qnetstack.network.AdmissionException}), and every pair
 * carries a fidelity interval.
 */
@NullMarked
package org.qnetstack.network;

import org.jspecify.annotations.NullMarked;
