/**
 * The {@code sweep} example: heralded-link fidelity and pair rate against link length and against the
 * bright-state population α for each device preset, from the link model the stack plans with. It prints
 * a table or JSON and draws the curves to PNG charts with XChart.
 */
@NullMarked
package org.qnetstack.examples.sweep;

import org.jspecify.annotations.NullMarked;
