package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.SOCKET;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.path;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.setup;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.PairRequest;

/**
 * Cutoffs: a node that holds a pair of a circuit older than the circuit's cutoff (from its oldest herald) gives
 * the circuit up, frees its qubits, cancels its link requests and tells the others; the head starts afresh;
 * an end never delivers a pair older than the cutoff.
 */
class CutoffRulesTest {
    private static final long CUTOFF = 1_000_000;

    private static int headWithCircuit(EmbeddedNetworkNode n0) {
        n0.listen(SOCKET).service.request(new PairRequest("n2", RequestType.KEEP, 1, 0.5, MeasureBasis.Z, SOCKET, 0,
                new CircuitPolicy(null, CUTOFF)));
        List<EmbeddedNetworkNode.Out<CircuitMessages.Setup>> setups = n0.drain(CircuitMessages.Setup.class);
        assertEquals(2, setups.size());
        return setups.get(0).message().purposeId();
    }

    @Test
    void aPairHeldToTheCutoffIsDiscardedAndTheHeadStartsAFreshCircuit() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3);
        int purpose = headWithCircuit(n0);
        n0.link.deliverPair(purpose, "n1", "n0", 1, 0, 0.9);
        assertEquals(1, n0.memory.inUse());
        n0.advance(CUTOFF - 1);
        assertEquals(1, n0.memory.inUse(), "not yet");
        assertEquals(0, n0.service.circuitsExpired());
        n0.advance(1);
        assertEquals(1, n0.service.circuitsExpired());
        assertEquals(0, n0.memory.inUse(), "the pair's qubit is freed");
        assertEquals(List.of(new CreateId("n0", 1)), n0.link.cancelled, "its link request is cancelled");
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class));
        List<EmbeddedNetworkNode.Out<CircuitMessages.Setup>> fresh = n0.drain(CircuitMessages.Setup.class);
        assertEquals(List.of("n1", "n2"), fresh.stream().map(EmbeddedNetworkNode.Out::to).toList());
        assertEquals("n0/circuit-1", fresh.get(0).message().circuit());
        assertEquals(List.of(), n0.errors, "a restart is no error");
    }

    @Test
    void anEndNeverDeliversAJoinedPairOlderThanTheCutoff() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3);
        int purpose = headWithCircuit(n0);
        n0.advance(CUTOFF * 6 / 10);
        n0.link.deliverPair(purpose, "n1", "n0", 1, 0, 0.9);
        n0.advance(CUTOFF / 2);
        // The repeater's other pair was heralded at time 0: joined, the pair is 1.1 cutoffs old.
        n0.receive("n1", new CircuitMessages.Swapped("n0/circuit-0", new EntanglementId("n0", "n1", 1), 0,
                new EntanglementId("n1", "n2", 1), 0, 0, 0.9, 0.9, 0));
        assertEquals(List.of(), n0.pairs);
        assertEquals(1, n0.service.circuitsExpired());
        assertEquals(0, n0.memory.inUse());
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class));
    }

    @Test
    void aRepeaterWaitingTooLongForItsOtherSideGivesTheCircuitUp() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3);
        int purpose = HeadDemands.CIRCUIT_PURPOSE_BASE + 1;
        n1.receive("n0", setup("n0/circuit-0", purpose, path(3), null, CUTOFF));
        n1.link.deliverPair(purpose, "n0", "n0", 1, 0, 0.9);
        n1.advance(CUTOFF / 2);
        n1.link.deliverPair(purpose, "n0", "n0", 2, 0, 0.9); // a second pair changes nothing: the oldest counts
        n1.advance(CUTOFF / 2);
        assertEquals(1, n1.service.circuitsExpired());
        assertEquals(0, n1.memory.inUse(), "every pair it held is freed");
        assertEquals(List.of("n0", "n2"), n1.drainedTo(CircuitMessages.Expire.class));
        assertEquals(List.of(), n1.drain(CircuitMessages.Setup.class), "only the head starts circuits");
        assertTrue(n1.link.cancelled.contains(new CreateId("n1", 1)), "its hop's request is cancelled");
    }
}
