/**
 * The simulator's quantum state: density matrices of the simulated qubits, kept in groups of qubits
 * that have interacted, with the gates, noise channels and measurements the simulated devices apply.
 * It is the ground truth the stack's claims (Bell index, fidelity) are checked against.
 */
@NullMarked
package org.qnetstack.sim.state;

import org.jspecify.annotations.NullMarked;
