package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.SOCKET;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.path;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Basis;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.InvalidRequestException;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.PairRequest;

/**
 * Measure-directly pairs over a chain n0 – n1 – n2: each end measures its half as soon as its link pair
 * arrives, in the basis the request chose for that end, and frees the qubit at once; it delivers the outcome
 * with the Bell index once the repeater's swap report reaches it. A cancelled, given-up or timed-out circuit
 * delivers nothing and holds nothing.
 */
class MeasureDirectlyRulesTest {
    static final String CIRCUIT = "n0/circuit-0";
    static final int PURPOSE = HeadDemands.CIRCUIT_PURPOSE_BASE + 5;
    static final EntanglementId LEFT = new EntanglementId("n0", "n1", 100);
    static final EntanglementId RIGHT = new EntanglementId("n1", "n2", 101);
    /** The repeater's report: link Bell indices 1 and 2, outcome 3, so the end-to-end index is 1 ⊕ 3 ⊕ 2 = 0. */
    static final CircuitMessages.Swapped SWAP = new CircuitMessages.Swapped(CIRCUIT, LEFT, 1, RIGHT, 2, 3,
            0.9, 0.9, 0);
    /** Z here at the head, X at the tail. */
    private static final CircuitMessages.Measured Z_X = new CircuitMessages.Measured(BasisChoice.fixed(Basis.Z),
            BasisChoice.fixed(Basis.X));

    private static PairRequest measure(long maxTimeNanos) {
        return new PairRequest("n2", RequestType.MEASURE, 1, 0.5, Z_X.head(), Z_X.tail(), SOCKET, maxTimeNanos,
                CircuitPolicy.NONE);
    }

    /** The head with a measure-directly request running; returns its circuit's purpose id. */
    private static int requestAtHead(EmbeddedNetworkNode n0, long maxTimeNanos) {
        n0.service.request(measure(maxTimeNanos));
        List<EmbeddedNetworkNode.Out<CircuitMessages.Setup>> setups = n0.drain(CircuitMessages.Setup.class);
        assertEquals(Z_X, setups.get(0).message().measure(), "the setup tells both ends how to measure");
        return setups.get(0).message().purposeId();
    }

    private static CircuitMessages.Setup setup() {
        return new CircuitMessages.Setup(CIRCUIT, PURPOSE, path(3), SOCKET, Collections.nCopies(2, 0.5), null, 0,
                Z_X);
    }

    @Test
    void theHeadMeasuresOnArrivalAndDeliversTheOutcomeWhenTheSwapReportComes() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        int purpose = requestAtHead(n0, 0);
        assertEquals(RequestType.KEEP, n0.link.lastCreateTo("n1").type(), "the hop's link pairs are kept");
        n0.device.thenMeasure(1);
        n0.link.deliverPair(purpose, "n1", "n0", LEFT.sequence(), 1, 0.9);
        assertEquals(1, n0.device.count("measure"));
        assertTrue(n0.device.log.contains("measure 0 Z"), "along the head's axis: " + n0.device.log);
        assertEquals(0, n0.memory.inUse(), "the qubit is free at once");
        assertEquals(List.of(), n0.pairs, "nothing delivered before the swap report");

        n0.receive("n1", SWAP);
        assertEquals(1, n0.pairs.size());
        EndToEndPair p = n0.pairs.get(0);
        assertEquals(RequestType.MEASURE, p.type());
        assertEquals(LEFT, p.pairId());
        assertEquals(0, p.bellIndex(), "the Pauli frame folded as for a kept pair");
        assertEquals(MeasurementAxis.Z, p.axis());
        assertEquals(1, p.outcome());
        assertEquals(-1, p.qubit());
        assertEquals(0, n0.memory.inUse());
        assertEquals(1, n0.device.count("measure"), "measured once");
    }

    @Test
    void theTailMeasuresInItsOwnBasisAndDeliversTheSamePair() {
        EmbeddedNetworkNode n2 = EmbeddedNetworkNode.inChain(2, 3).listen(SOCKET);
        n2.receive("n1", SWAP); // the report may come first
        n2.receive("n0", setup());
        n2.device.thenMeasure(0);
        n2.link.deliverPair(PURPOSE, "n1", "n1", RIGHT.sequence(), 2, 0.9);
        assertTrue(n2.device.log.contains("measure 0 X"), "along the tail's axis: " + n2.device.log);
        assertEquals(0, n2.memory.inUse());
        assertEquals(1, n2.pairs.size(), "joined at once: the report was there");
        EndToEndPair p = n2.pairs.get(0);
        assertEquals(LEFT, p.pairId(), "named after the head's link pair, as at the head");
        assertEquals(0, p.bellIndex());
        assertEquals(MeasurementAxis.X, p.axis());
        assertEquals(0, p.outcome());
        assertEquals("n0", p.remoteNode());
    }

    @Test
    void aRepeaterSwapsAsForKeptPairs() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3);
        n1.receive("n0", setup());
        n1.device.thenBellIndex(3);
        n1.link.deliverPair(PURPOSE, "n0", "n0", LEFT.sequence(), 1, 0.9);
        n1.link.deliverPair(PURPOSE, "n2", "n1", RIGHT.sequence(), 2, 0.9);
        assertEquals(List.of("n0", "n2"), n1.drainedTo(CircuitMessages.Swapped.class));
        assertEquals(2, n1.device.count("measure"), "the Bell-state measurement's two, nothing else");
        assertEquals(0, n1.memory.inUse());
    }

    @Test
    void cancellingAfterTheMeasurementDeliversNothingAndHoldsNothing() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        int purpose = requestAtHead(n0, 0);
        n0.link.deliverPair(purpose, "n1", "n0", LEFT.sequence(), 1, 0.9);
        assertTrue(n0.service.cancel(SOCKET));
        assertEquals(List.of(new CreateId("n0", 1)), n0.link.cancelled);
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class));
        n0.receive("n1", SWAP);
        assertEquals(List.of(), n0.pairs);
        assertEquals(0, n0.memory.inUse());
        assertFalse(n0.link.listeners.containsKey(purpose));
    }

    @Test
    void aCircuitGivenUpElsewhereAfterTheMeasurementDeliversNothing() {
        EmbeddedNetworkNode n2 = EmbeddedNetworkNode.inChain(2, 3).listen(SOCKET);
        n2.receive("n0", setup());
        n2.link.deliverPair(PURPOSE, "n1", "n1", RIGHT.sequence(), 2, 0.9);
        n2.receive("n1", new CircuitMessages.Expire(CIRCUIT, "cutoff at n1"));
        n2.receive("n1", SWAP);
        assertEquals(List.of(), n2.pairs);
        assertEquals(List.of(), n2.errors, "the head starts afresh: nothing to tell the socket");
        assertEquals(0, n2.memory.inUse());
    }

    @Test
    void aDeliveredOutcomeWhosePartnerIsGivenUpIsReportedForDiscarding() {
        EmbeddedNetworkNode n2 = EmbeddedNetworkNode.inChain(2, 3).listen(SOCKET);
        n2.receive("n0", setup());
        n2.receive("n1", SWAP);
        n2.link.deliverPair(PURPOSE, "n1", "n1", RIGHT.sequence(), 2, 0.9);
        assertEquals(1, n2.pairs.size());
        n2.receive("n0", new CircuitMessages.Expire(CIRCUIT, "joined past its cutoff at n0"));
        assertEquals(1, n2.errors.size());
        assertEquals(LinkErrorCode.EXPIRE, n2.errors.get(0).code());
        assertTrue(n2.errors.get(0).message().contains("discard its outcome"), n2.errors.get(0).message());
    }

    @Test
    void aRequestThatTimesOutAfterTheMeasurementEndsWithNothingHeld() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        int purpose = requestAtHead(n0, 1_000_000);
        n0.link.deliverPair(purpose, "n1", "n0", LEFT.sequence(), 1, 0.9);
        n0.advance(1_000_000);
        assertEquals(1, n0.errors.size());
        assertEquals(LinkErrorCode.TIMEOUT, n0.errors.get(0).code());
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class), "its circuit given up");
        n0.receive("n1", SWAP);
        assertEquals(List.of(), n0.pairs);
        assertEquals(0, n0.memory.inUse());
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class), "no fresh circuit");
    }

    @Test
    void aRequestWithoutBasesIsRefusedAndAMalformedSetupRejected() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> n0.service.request(
                new PairRequest("n2", RequestType.MEASURE, 1, 0.5, (MeasureBasis) null, SOCKET)));
        assertEquals("basis", e.field());
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class));

        EmbeddedNetworkNode n2 = EmbeddedNetworkNode.inChain(2, 3);
        n2.receive("n0", new CircuitMessages.Setup(CIRCUIT, PURPOSE, path(3), SOCKET, Collections.nCopies(2, 0.5),
                null, 0, new CircuitMessages.Measured(BasisChoice.fixed(Basis.Z), null)));
        assertEquals(1, n2.service.rejected());
        assertFalse(n2.link.listeners.containsKey(PURPOSE));
    }
}
