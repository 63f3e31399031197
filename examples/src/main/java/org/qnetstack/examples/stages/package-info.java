/**
 * The command line of the stages of a quantum internet: {@code stages} (certification), {@code relay} (trusted repeater), {@code bb84}
 * (prepare and measure), {@code blind} (blind computation with traps), {@code anonymous} (anonymous transmission
 * over a GHZ state) and {@code cnot} (a distributed CNOT). One class per subcommand with a static
 * {@code run(options, out)}; {@link org.qnetstack.examples.stages.StagesCli} makes them subcommands of the examples' command line.
 */
@NullMarked
package org.qnetstack.examples.stages;

import org.jspecify.annotations.NullMarked;
