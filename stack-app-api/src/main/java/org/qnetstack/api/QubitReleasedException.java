package org.qnetstack.api;

/** The qubit was measured or released and cannot be used again. Take a fresh one with {@code node.qubit()}. */
public class QubitReleasedException extends QnetstackException {
    public QubitReleasedException(String qubit) {
        super("qubit " + qubit + " was measured or released; take a fresh one with node.qubit()");
    }
}
