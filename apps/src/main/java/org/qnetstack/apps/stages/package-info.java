/**
 * Where a network stands on the ladder of W. Wehner, D. Elkouss and R. Hanson, "Quantum internet: A vision
 * for the road ahead", Science 362, eaam9288 (2018): {@link org.qnetstack.apps.stages.Certification} runs
 * sacrificed rounds through the public application API (kept pairs, local qubits, classical messages) at
 * every pair of end nodes, estimates each stage's parameters with Clopper–Pearson intervals and reports the
 * highest stage each pair and the network (its weakest pair) reach, with the evidence for every criterion.
 * The criteria and thresholds, and why, are in {@link org.qnetstack.apps.stages.StageCriteria}. Nothing
 * here reads a simulator's ground truth, so the same programs certify hardware.
 */
@NullMarked
package org.qnetstack.apps.stages;

import org.jspecify.annotations.NullMarked;
