package org.qnetstack.api;

/**
 * Remote state preparation of a state off the equator and off the X–Z plane failed: the sender's outcome
 * left the orthogonal state, which no Pauli turns back (it happens with probability 1/2). The receiver's qubit
 * was released; prepare again with a fresh pair.
 */
public class RemotePreparationFailedException extends QnetstackException {
    public RemotePreparationFailedException(String from) {
        super("the remote preparation from " + from + " failed (outcome 1 on a state off the equator and off the "
                + "X-Z plane, probability 1/2): the qubit was released; prepare again with a fresh pair");
    }
}
