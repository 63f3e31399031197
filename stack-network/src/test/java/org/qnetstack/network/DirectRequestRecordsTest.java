package org.qnetstack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.RequestType;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.network.internal.CircuitNetworkService;

/**
 * Issue 15: a neighbour's pairs asked for directly (one link request each) leave no record at the network layer
 * once the link request has its pairs, has ended with an error, or was cancelled.
 */
class DirectRequestRecordsTest {

    private static PairRequest measure(int number, long maxTimeNanos) {
        return new PairRequest("n1", RequestType.MEASURE, number, 0.8, MeasureBasis.Z, SimulatedChain.SOCKET,
                maxTimeNanos, CircuitPolicy.NONE);
    }

    /** Requests ended at the head (EXPIRE, one pair given up, ends none). */
    private static long ended(SimulatedChain net) {
        return net.errors.get("n0").stream().filter(e -> e.code() != org.qnetstack.link.LinkErrorCode.EXPIRE).count();
    }

    @Test
    void completedEndedAndCancelledDirectRequestsLeaveNothing() {
        try (SimulatedChain net = new SimulatedChain(SimulatedChain.spec(2, "ideal", Map.of(), 91))) {
            CircuitNetworkService head = net.services.get("n0");
            for (int i = 0; i < 50; i++) {
                head.request(measure(3, 0));
            }
            assertEquals(50, head.openDirectCreates());
            net.platform.runUntil(() -> net.pairs.get("n0").size() == 150, 100_000_000_000L);
            assertEquals(150, net.pairs.get("n0").size());
            assertEquals(0, head.openDirectCreates(), "every request had its pairs");

            // Far more pairs than the time allows: each is refused (NOTIME), after its id is returned.
            for (int i = 0; i < 10; i++) {
                head.request(measure(1_000_000, 2_000_000_000L));
            }
            net.platform.runUntil(() -> ended(net) == 10, 100_000_000_000L);
            assertEquals(10, ended(net), net.errors::toString);
            assertEquals(0, head.openDirectCreates(), () -> "every request ended: " + net.errors);

            // n0 is the link's master: with a queue of one, the requests beyond are rejected within create.
            net.links.get("n0").setQueueLimit(1);
            for (int i = 0; i < 5; i++) {
                head.request(measure(3, 0));
            }
            assertEquals(1, head.openDirectCreates(), "the rejected ones are not kept");
            net.platform.runUntil(() -> head.openDirectCreates() == 0, 100_000_000_000L);
            assertEquals(0, head.openDirectCreates());
            net.links.get("n0").setQueueLimit(256);

            head.request(measure(1_000_000, 0));
            net.platform.runUntil(() -> net.pairs.get("n0").size() > 200, 100_000_000_000L);
            assertTrue(head.cancel(SimulatedChain.SOCKET));
            assertEquals(0, head.openDirectCreates(), "cancelled");
        }
    }
}
