/**
 * Runnable examples on the embedded simulated network: BBM92 key distribution and teleportation,
 * each printing its figures beside what the physics predicts, as a table or as JSON.
 */
@NullMarked
package org.qnetstack.examples;

import org.jspecify.annotations.NullMarked;
