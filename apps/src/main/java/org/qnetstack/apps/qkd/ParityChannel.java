package org.qnetstack.apps.qkd;

import java.util.List;

/**
 * Bob's view of Alice during Cascade: he sends a batch of parity queries, she answers each with the
 * parity of her own bits. One call is one round trip, so an implementation over a network sends the list
 * as one message and waits for one reply; {@link CascadeResponder} answers in memory. Every answered
 * query discloses one bit to an eavesdropper and is counted as leakage.
 */
@FunctionalInterface
public interface ParityChannel {
    /** Alice's parities: bit i of the result answers {@code queries.get(i)}. */
    BitString parities(List<ParityQuery> queries);
}
