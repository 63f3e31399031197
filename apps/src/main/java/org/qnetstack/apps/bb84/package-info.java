/**
 * Stage 2 of a quantum internet, prepare and measure: BB84 (C. H. Bennett and G. Brassard, 1984) in which one
 * end prepares single-qubit states at the other end and that end measures them, by remote state preparation
 * over pairs measured at once on one link ({@link org.qnetstack.apps.bb84.Bb84}); the finite-key
 * post-processing is {@code org.qnetstack.apps.qkd}'s.
 */
@NullMarked
package org.qnetstack.apps.bb84;

import org.jspecify.annotations.NullMarked;
