package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.SOCKET;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.network.PairRequest;

/**
 * Liveness: what a node sends that must be answered is resent on a timer until it is (EXPIRE until
 * acknowledged, a distillation round until answered, else the circuit is given up), and a head gives a
 * request up after {@link HeadDemands#MAX_RESTARTS} circuits in a row were given up.
 */
class LivenessRulesTest {
    /** The retransmission timeout: twice the farthest node's delay, and 100 µs. */
    private static final long RTO = 2 * EmbeddedNetworkNode.DELAY_NANOS + 100_000;
    private static final PairRequest TO_N2 = new PairRequest("n2", RequestType.KEEP, 1, 0.5, MeasureBasis.Z, SOCKET);

    @Test
    void anExpireIsResentUntilAcknowledgedAndNotToANodeThatWentDown() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        n0.service.request(TO_N2);
        n0.drain(CircuitMessages.Setup.class);
        assertTrue(n0.service.cancel(SOCKET));
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class));
        n0.advance(RTO - 1);
        assertEquals(List.of(), n0.drainedTo(CircuitMessages.Expire.class));
        n0.advance(1);
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class), "resent after one timeout");
        n0.receive("n1", new CircuitMessages.ExpireAck("n0/circuit-0"));
        n0.advance(2 * RTO);
        assertEquals(List.of("n2"), n0.drainedTo(CircuitMessages.Expire.class), "backed off, and n1 answered");
        n0.service.peerDown("n2");
        n0.advance(100 * RTO);
        assertEquals(List.of(), n0.drainedTo(CircuitMessages.Expire.class));
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class), "a cancelled request starts no circuit");
    }

    @Test
    void anExpireIsAcknowledgedAndTheHeadStartsAFreshCircuit() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        n0.service.request(TO_N2);
        n0.drain(CircuitMessages.Setup.class);
        n0.receive("n2", new CircuitMessages.Expire("n0/circuit-0", "cutoff at n2"));
        assertEquals(new CircuitMessages.ExpireAck("n0/circuit-0"), n0.single(CircuitMessages.ExpireAck.class));
        assertEquals("n0/circuit-1", n0.drain(CircuitMessages.Setup.class).get(0).message().circuit());
        assertEquals(0, n0.service.circuitsExpired(), "given up elsewhere, not here");
    }

    @Test
    void anUnansweredDistillationRoundGivesTheCircuitUp() {
        EmbeddedNetworkNode n0 = new EmbeddedNetworkNode("n0", EmbeddedNetworkNode.chain(2, List.of())).listen(SOCKET);
        n0.service.request(new PairRequest("n1", RequestType.KEEP, 1, 0.5, MeasureBasis.Z, SOCKET, 0,
                new CircuitPolicy(new Distillation(DistillationProtocol.DEJMPS, 1), 0)));
        int purpose = n0.single(CircuitMessages.Setup.class).purposeId();
        n0.link.deliverPair(purpose, "n1", "n0", 1, 0, 0.9);
        n0.link.deliverPair(purpose, "n1", "n0", 2, 0, 0.9);
        assertEquals(1, n0.drain(CircuitMessages.Distil.class).size());
        n0.advance(RTO);
        assertEquals(1, n0.drain(CircuitMessages.Distil.class).size(), "resent");
        // Resent at 1, 3, 7, 15, 23, … timeouts (the interval doubles up to 8); given up at the first past 64.
        n0.advance((ExpireNotices.GIVE_UP_RTOS + 8) * RTO);
        assertTrue(n0.drain(CircuitMessages.Distil.class).size() > 1, "resent with back-off until given up");
        assertEquals(1, n0.service.circuitsExpired());
        assertEquals(0, n0.memory.inUse(), "the held half is freed");
        List<String> told = n0.drainedTo(CircuitMessages.Expire.class);
        assertTrue(!told.isEmpty() && told.stream().allMatch("n1"::equals), "told: " + told);
        assertEquals(1, n0.drain(CircuitMessages.Setup.class).size(), "and a fresh circuit starts");
    }

    @Test
    void aHeadFailsItsRequestAfterTooManyCircuitsInARowWereGivenUp() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        n0.service.request(TO_N2);
        for (int i = 0; i <= HeadDemands.MAX_RESTARTS; i++) {
            String circuit = n0.drain(CircuitMessages.Setup.class).get(0).message().circuit();
            assertEquals(List.of(), n0.errors, "after " + i + " restarts");
            n0.receive("n1", new CircuitMessages.Expire(circuit, "no memory at n1"));
        }
        assertEquals(1, n0.errors.size());
        assertEquals(LinkErrorCode.EXPIRE, n0.errors.get(0).code());
        assertTrue(n0.errors.get(0).message().contains("no memory at n1"), n0.errors.get(0).message());
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class));
    }

    /** 1 ms: far longer than a setup takes on the harness's chain, far shorter than the tests' other timers. */
    private static final long MAX_TIME = 1_000_000;

    private static PairRequest toN2Within(int pairs, long maxTimeNanos) {
        return new PairRequest("n2", RequestType.KEEP, pairs, 0.5, MeasureBasis.Z, SOCKET, maxTimeNanos);
    }

    @Test
    void aCircuitThatStallsFailsTheRequestWithTimeoutAtItsMaxTimeAndIsGivenUp() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        n0.service.request(toN2Within(1, MAX_TIME));
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Setup.class));
        n0.advance(MAX_TIME - 1); // nobody answers: the circuit stalls
        assertEquals(List.of(), n0.errors);
        n0.advance(1);
        assertEquals(1, n0.errors.size(), "failed at its maxTime, not left waiting");
        assertEquals(LinkErrorCode.TIMEOUT, n0.errors.get(0).code());
        assertEquals("n2", n0.errors.get(0).remoteNode());
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class), "its circuit is given up");
        assertEquals(0, n0.memory.inUse());
        n0.advance(100 * RTO);
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class), "and no fresh circuit starts");
        assertEquals(1, n0.errors.size());
        // The socket can ask again: a fresh demand, a fresh circuit.
        n0.service.request(toN2Within(1, MAX_TIME));
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Setup.class));
    }

    @Test
    void aTimedOutRequestFailsOnlyItsOwnPairsWhileALaterOneKeepsTheCircuit() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        n0.service.request(toN2Within(2, MAX_TIME));
        n0.advance(MAX_TIME / 2);
        n0.service.request(toN2Within(1, 0)); // no limit: it keeps the demand alive
        assertEquals(1, n0.drain(CircuitMessages.Setup.class).size() / 2, "one circuit for both requests");
        n0.advance(MAX_TIME / 2);
        assertEquals(1, n0.errors.size());
        assertEquals(LinkErrorCode.TIMEOUT, n0.errors.get(0).code());
        assertTrue(n0.errors.get(0).message().startsWith("2 pair(s)"), n0.errors.get(0).message());
        assertEquals(List.of(), n0.drain(CircuitMessages.Expire.class), "the circuit goes on for the later request");
    }

    @Test
    void aCancelledOrCompletedRequestLeavesNoDeadlineBehind() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        n0.service.request(toN2Within(1, MAX_TIME));
        assertTrue(n0.service.cancel(SOCKET));
        n0.advance(10 * MAX_TIME);
        assertEquals(List.of(), n0.errors, "a cancelled request does not time out later");
    }
}
