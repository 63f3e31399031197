package org.qnetstack.network;

/**
 * Names one request for pairs, so that it can be cancelled alone ({@link NetworkService#cancel(DemandId)}) while
 * the socket's other requests go on: the node that made it, its number there, and whether it is served over a
 * circuit (numbered by the network layer of its head) or over a single link (numbered by the link layer, the same
 * number as its link request, so both ends of the link name it alike).
 *
 * @param node        the node that made the request
 * @param sequence    its number at that node, among requests served the same way
 * @param overCircuit served over a circuit, not straight from one link request
 */
public record DemandId(String node, long sequence, boolean overCircuit) {
    @Override
    public String toString() {
        return node + (overCircuit ? "/circuit-request-" : "/link-request-") + sequence;
    }
}
