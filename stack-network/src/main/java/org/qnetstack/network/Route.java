package org.qnetstack.network;

import java.util.List;

/**
 * A path the controller chose for a circuit and what it expects of it.
 *
 * @param path           the nodes from the requesting end to the other, both included
 * @param fidelity       expected end-to-end fidelity at delivery: the links' pairs distilled as the policy says,
 *                       dephased while they wait, swapped (w_out = Π w_i)
 * @param pairsPerSecond expected end-to-end pairs per second, one pair at a time, on the link capacity not
 *                       already reserved
 * @param waitNanos      expected time from a pair's start to its delivery, ns (1 / pairsPerSecond)
 */
public record Route(List<String> path, double fidelity, double pairsPerSecond, double waitNanos) {
    public Route {
        path = List.copyOf(path);
    }

    public int hops() {
        return path.size() - 1;
    }
}
