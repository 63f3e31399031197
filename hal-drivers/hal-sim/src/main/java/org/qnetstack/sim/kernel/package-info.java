/**
 * The discrete-event kernel every simulated node runs on: one virtual nanosecond timeline, events in
 * time order with ties broken by insertion order, so the same inputs give the same run.
 */
@NullMarked
package org.qnetstack.sim.kernel;

import org.jspecify.annotations.NullMarked;
