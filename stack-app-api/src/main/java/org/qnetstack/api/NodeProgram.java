package org.qnetstack.api;

/**
 * A program written as plain sequential code: call {@code block()} on each step. The runtime runs it
 * on its own thread but only ever lets one program or the simulation advance at a time, so a run is
 * as deterministic as the simulation itself.
 */
@FunctionalInterface
public interface NodeProgram {
    void run(Node node) throws Exception;
}
