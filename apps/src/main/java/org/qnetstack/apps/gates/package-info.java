/**
 * Stage 4 of a quantum internet, quantum memory: a CNOT between qubits of two nodes from one shared pair and two
 * classical bits ({@link org.qnetstack.apps.gates.DistributedCnot}).
 */
@NullMarked
package org.qnetstack.apps.gates;

import org.jspecify.annotations.NullMarked;
