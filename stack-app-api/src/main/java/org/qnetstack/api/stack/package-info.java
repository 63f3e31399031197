/**
 * Building a node's stack: {@link org.qnetstack.api.stack.NodeStack} composes a node from a hal
 * {@code Platform} upward (qubit memory and local operations, link layer, network layer with its admission
 * controller and default circuit policy, transport, and the application runtime the programs use), and
 * {@link org.qnetstack.api.stack.ProgramHost} runs the programs on it. Every runtime builds its nodes here: the
 * simulated network (whose whole world {@link org.qnetstack.api.stack.SimulatedWorld} composes), a deployed node,
 * the examples. The heralding stations are built by the physical layer's
 * {@code org.qnetstack.physical.StationStack}. The diagram of what gets built is in {@code docs/architecture.md}.
 */
@NullMarked
package org.qnetstack.api.stack;

import org.jspecify.annotations.NullMarked;
