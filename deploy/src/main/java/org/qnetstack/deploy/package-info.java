/**
 * Every node of a network in its own process. {@link org.qnetstack.deploy.WorldService} holds the simulated
 * quantum world (devices, stations, fibres, the clock); {@link org.qnetstack.deploy.NodeHost} runs one node's
 * stack and program against it over authenticated TCP; {@link org.qnetstack.deploy.Launcher} starts either
 * from the command line, configured from the network file's {@code deployment} section.
 */
@NullMarked
package org.qnetstack.deploy;

import org.jspecify.annotations.NullMarked;
