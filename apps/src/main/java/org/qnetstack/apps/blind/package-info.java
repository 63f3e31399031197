/**
 * Stage 4 of a quantum internet, quantum memory: blind quantum computation with traps
 * ({@link org.qnetstack.apps.blind.BlindComputation}). A client that only prepares single qubits (remotely, over
 * pairs) has a server that stores them and computes run a measurement-based computation it learns nothing
 * about, and checks the server's honesty with hidden trap qubits.
 */
@NullMarked
package org.qnetstack.apps.blind;

import org.jspecify.annotations.NullMarked;
