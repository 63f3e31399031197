package org.qnetstack.api;

/** Every qubit of the node is in use. Release qubits you no longer need, or ask for fewer pairs at once. */
public class NoFreeQubitException extends QnetstackException {
    public NoFreeQubitException(String node, int capacity) {
        super(node + " has no free qubit (all " + capacity + " in use): release qubits you no longer need, "
                + "or ask for fewer kept pairs at once");
    }
}
