package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.SOCKET;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.path;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.setup;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.DemandId;
import org.qnetstack.network.PairRequest;

/**
 * Cancelling one request by its {@link DemandId}: over a single link, at either end, through the link layer (which
 * stops it at both ends and reports CANCELLED, which ends it here); over a circuit, at its head, which stops owing
 * its pairs and, once the socket asks nothing more, gives up the pair in the making at every node of the path.
 * The socket's other requests go on.
 */
class CancelRulesTest {
    private static PairRequest keep(String remote, int pairs) {
        return new PairRequest(remote, RequestType.KEEP, pairs, 0.5, MeasureBasis.Z, SOCKET);
    }

    // ---- a direct (one-link) request ----

    @Test
    void aDirectRequestIsNamedAfterItsLinkRequestAndCancelledThereBeforeAnyPair() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 2).listen(SOCKET);
        DemandId id = n0.service.request(keep("n1", 3));
        assertEquals(new DemandId("n0", 1, false), id, "the link request's id: the same at both ends");
        assertTrue(n0.service.cancel(id));
        assertEquals(List.of(new CreateId("n0", 1)), n0.link.cancelled);
        // The link layer reports CANCELLED at both ends once it stopped: that ends the request here.
        n0.link.deliverError(new CreateId("n0", 1), SOCKET, LinkErrorCode.CANCELLED, "cancelled by n0");
        assertEquals(LinkErrorCode.CANCELLED, n0.errors.get(0).code());
        assertEquals(0, n0.service.openDirectCreates());
    }

    @Test
    void aDirectRequestCancelledMidwayLeavesTheSocketsOtherRequestRunning() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 2).listen(SOCKET);
        DemandId first = n0.service.request(keep("n1", 3));
        DemandId second = n0.service.request(keep("n1", 2));
        n0.link.deliverPair(new CreateId("n0", 1), SOCKET, "n1", "n0", 10, 0, 0.9);
        assertEquals(first, n0.pairs.get(0).demand(), "a pair names the request it was made for");
        assertTrue(n0.service.cancel(n0.pairs.get(0).demand()));
        assertEquals(List.of(new CreateId("n0", 1)), n0.link.cancelled, "only that link request");
        n0.link.deliverError(new CreateId("n0", 1), SOCKET, LinkErrorCode.CANCELLED, "cancelled by n0");
        assertEquals(1, n0.service.openDirectCreates(), "the second request is still open");
        n0.link.deliverPair(new CreateId("n0", 2), SOCKET, "n1", "n0", 11, 0, 0.9);
        assertEquals(second, n0.pairs.get(1).demand());
    }

    @Test
    void theReceivingEndCancelsTheRequestItsPairCameFromAtTheLinkLayer() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 2).listen(SOCKET);
        // Before any pair the receiving end knows no request: nothing to cancel.
        assertFalse(n1.service.cancel(new DemandId("n0", 4, true)), "a circuit headed elsewhere");
        n1.link.deliverPair(new CreateId("n0", 4), SOCKET, "n0", "n0", 10, 0, 0.9);
        DemandId theirs = n1.pairs.get(0).demand();
        assertEquals(new DemandId("n0", 4, false), theirs, "named after n0's link request");
        assertTrue(n1.service.cancel(theirs));
        assertEquals(List.of(new CreateId("n0", 4)), n1.link.cancelled, "the link layer stops it at both ends");
        assertThrows(IllegalArgumentException.class, () -> n1.service.cancel(null));
    }

    // ---- a request over a circuit ----

    private static final PairRequest TO_N2 = keep("n2", 2);

    @Test
    void aCircuitRequestCancelledBeforeAnyPairIsGivenUpAtEveryNodeOfItsPath() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        DemandId id = n0.service.request(TO_N2);
        assertTrue(id.overCircuit());
        assertEquals("n0", id.node());
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Setup.class));
        assertTrue(n0.service.cancel(id));
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class), "its circuit is given up");
        assertFalse(n0.service.cancel(id), "cancelled once");
        n0.advance(10_000_000);
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class), "no fresh circuit starts");
        assertEquals(List.of(), n0.errors, "the canceller asked for it: no error");
        assertEquals(List.of(), n0.link.creates.stream().filter(c -> c.purposeId() == SOCKET).toList());
    }

    @Test
    void aCircuitRequestCancelledMidwayFreesTheHalfInTheMakingAndStartsNoMoreCircuits() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        DemandId id = n0.service.request(TO_N2);
        int purpose = n0.drain(CircuitMessages.Setup.class).get(0).message().purposeId();
        deliverAtHead(n0, purpose, "n0/circuit-0", 100);
        assertEquals(id, n0.pairs.get(0).demand(), "the head's pair names its request");
        int second = n0.drain(CircuitMessages.Setup.class).get(0).message().purposeId();
        n0.link.deliverPair(second, "n1", "n0", 101, 0, 0.9); // the second pair's link half, not yet swapped
        assertEquals(2, n0.memory.inUse());
        assertTrue(n0.service.cancel(id));
        assertEquals(1, n0.memory.inUse(), "the half in the making is freed; the delivered pair stays");
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class));
        assertTrue(n0.link.cancelled.size() > 0, "the hop's link request is cancelled");
        n0.advance(10_000_000);
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class));
        assertEquals(1, n0.pairs.size());
    }

    @Test
    void cancellingOneOfASocketsCircuitRequestsKeepsTheCircuitForTheOther() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        DemandId first = n0.service.request(keep("n2", 1));
        DemandId second = n0.service.request(keep("n2", 1));
        int purpose = n0.drain(CircuitMessages.Setup.class).get(0).message().purposeId();
        assertTrue(n0.service.cancel(first));
        assertEquals(List.of(), n0.drain(CircuitMessages.Expire.class), "the circuit goes on for the other");
        deliverAtHead(n0, purpose, "n0/circuit-0", 100);
        assertEquals(second, n0.pairs.get(0).demand(), "its pair goes to the request still open");
        assertFalse(n0.service.cancel(second), "met: nothing left to cancel");
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class), "and the demand is over");
    }

    @Test
    void aCircuitsOtherEndCannotCancelItsHeadsRequest() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3).listen(SOCKET);
        EmbeddedNetworkNode n2 = EmbeddedNetworkNode.inChain(2, 3).listen(SOCKET);
        n2.receive("n0", setup("n0/circuit-0", HeadDemands.CIRCUIT_PURPOSE_BASE + 9, path(3), null, 0));
        n2.receive("n1", swapAtN1("n0/circuit-0", 100));
        n2.link.deliverPair(HeadDemands.CIRCUIT_PURPOSE_BASE + 9, "n1", "n1", 200, 0, 0.9);
        assertEquals(1, n2.pairs.size());
        assertNull(n2.pairs.get(0).demand(), "the head owns the request: the tail's pair names none");
        assertFalse(n2.service.cancel(new DemandId("n0", 0, true)), "a circuit headed elsewhere");
        assertFalse(n1.service.cancel(new DemandId("n0", 0, true)));
        assertEquals(List.of(), n2.drain(CircuitMessages.Expire.class), "nothing is given up");
    }

    /** The head's link pair on hop n0–n1, then n1's swap joining it to the hop n1–n2: the head delivers. */
    private static void deliverAtHead(EmbeddedNetworkNode head, int purpose, String circuit, long sequence) {
        head.link.deliverPair(purpose, "n1", "n0", sequence, 0, 0.9);
        head.receive("n1", swapAtN1(circuit, sequence));
    }

    private static CircuitMessages.Swapped swapAtN1(String circuit, long leftSequence) {
        return new CircuitMessages.Swapped(circuit, new EntanglementId("n0", "n1", leftSequence), 0,
                new EntanglementId("n1", "n2", 200), 0, 0, 0.9, 0.9, 0);
    }
}
