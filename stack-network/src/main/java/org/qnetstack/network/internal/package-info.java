/**
 * Network-layer implementations; not API. {@code CircuitNetworkService} runs circuits at a node and hands
 * each message to the engine it is for: {@code Routes} (paths, nodes down), {@code HeadDemands} (what a head
 * owes: admission, pacing, restarts), {@code CircuitParts} (set-up and end of a node's share of a circuit),
 * {@code HopDistillation} and {@code HopPool} (a hop's pairs, distilled with its neighbour at one classical
 * round trip per round), {@code Swaps} (swap, Bell-index tracking, delivery), {@code Cutoffs},
 * {@code ExpireNotices} (give-ups, resent until acknowledged) and {@code DirectSockets} (single-link requests).
 * {@code DistillationRound} and {@code BellDiagonal} hold the gates, the Pauli-frame bookkeeping and the
 * formulas of docs/physics.md. {@code AdmissionController} is the network's controller: quantum-aware routing,
 * admission with reservations, network-wide circuit names; {@code LinkEstimates} and {@code FidelityBounds}
 * hold its estimates and the fidelity intervals delivered pairs carry.
 */
@NullMarked
package org.qnetstack.network.internal;

import org.jspecify.annotations.NullMarked;
