package org.qnetstack.api;

/**
 * This program's own node crashed (in simulation: {@link SimulatedNetwork#crash}): its stack stopped and every
 * qubit it held is lost, so whatever the program was waiting for or asked for now fails with this. The
 * program ends; once the node is restarted, a fresh program can run on it.
 */
public class NodeCrashedException extends QnetstackException {
    public NodeCrashedException(String node) {
        super(node + " crashed: its stack stopped and every qubit it held was lost; end this program (a fresh one "
                + "can run once the node is restarted)");
    }
}
