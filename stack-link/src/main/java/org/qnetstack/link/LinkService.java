package org.qnetstack.link;

/**
 * The entanglement generation service of one node: CREATE pairs with a neighbour, receive them as OK
 * replies at both ends, or an ERR. Both ends of a link serve requests in the same order, from the
 * same slot (one end of each link keeps the queue and tells the other). A pair is delivered at one end
 * only if it is delivered at the other, with the same entanglement id and Bell index, whatever the
 * classical network loses, repeats or reorders.
 */
public interface LinkService {
    /**
     * Queues a request and returns its create id (the ACK). Pairs and errors arrive at the listener
     * registered for the request's purpose id, at both ends.
     *
     * @throws InvalidRequestException if a field is out of range or the remote node is not a neighbour
     */
    CreateId create(CreateRequest request);

    /** Registers the receiver of replies for a purpose id at this node; replaces an earlier one. */
    void listen(int purposeId, LinkListener listener);

    void unlisten(int purposeId);

    /** The α the link layer would use to meet this fidelity with the neighbour, or NaN if none can. */
    double alphaFor(String remoteNode, double minFidelity);

    /** The fidelity the link model expects of a pair heralded at α. */
    double expectedFidelity(String remoteNode, double alpha);

    /**
     * What the link layer knows of the fidelity of pairs made at α with the neighbour: the model's value and
     * the test rounds' estimate with its interval (test rounds are counted by the link's master end, node A;
     * elsewhere the estimate holds the model's value alone).
     */
    FidelityEstimate fidelityEstimate(String remoteNode, double alpha);

    /**
     * Cancels a request, at either of its ends: both ends stop serving it, every qubit held for its pairs
     * not yet delivered is released, and both report ERR {@link LinkErrorCode#CANCELLED} after the pairs
     * the two ends had already agreed on (which are still delivered, at both). A request that completes
     * before the cancellation reaches the link's master ends normally, with no error.
     *
     * @return false if this node knows no open request with that id (unknown, or already ended)
     */
    boolean cancel(CreateId createId);

    /** Stops attempting on every link and releases every qubit held for pairs not yet delivered. */
    void close();
}
