package org.qnetstack.network;

/** There is no path to the requested node. Check the node name and the topology. */
public class NoRouteException extends IllegalArgumentException {
    public NoRouteException(String from, String to, String detail) {
        super("no route from " + from + " to " + to + ": " + detail);
    }
}
