/**
 * Network-layer implementations; not API. {@code CircuitNetworkService} runs circuits at a node,
 * {@code HopPool} distils one hop's pairs with its neighbour (one classical round trip per round),
 * {@code DistillationRound} and {@code BellDiagonal} hold the gates, the Pauli-frame bookkeeping and the
 * formulas of docs/physics.md. {@code AdmissionController} is the network's controller: quantum-aware routing,
 * admission with reservations, network-wide circuit names; {@code LinkEstimates} and {@code FidelityBounds}
 * hold its estimates and the fidelity intervals delivered pairs carry.
 */
@NullMarked
package org.qnetstack.network.internal;

import org.jspecify.annotations.NullMarked;
