package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.SOCKET;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.path;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.setup;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.CreateId;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.PairRequest;

/**
 * A node reported down takes its circuits with it: each is torn down here (qubits freed, link requests
 * cancelled unless they went to the dead node, the others told), its ends' listeners get UNREACHABLE naming
 * the node, and paths avoid it until it is back.
 */
class PeerDownRulesTest {
    private static final PairRequest TO_N2 = new PairRequest("n2", RequestType.KEEP, 1, 0.5, MeasureBasis.Z, SOCKET);

    private static int headHoldingAPair(EmbeddedNetworkNode n0) {
        n0.listen(SOCKET).service.request(TO_N2);
        int purpose = n0.drain(CircuitMessages.Setup.class).get(0).message().purposeId();
        n0.link.deliverPair(purpose, "n1", "n0", 1, 0, 0.9);
        return purpose;
    }

    @Test
    void aRepeaterDownFailsTheHeadsRequestWithUnreachableAndFreesItsQubits() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3);
        headHoldingAPair(n0);
        n0.service.peerDown("n1");
        NetworkError e = only(n0.errors);
        assertEquals(LinkErrorCode.UNREACHABLE, e.code());
        assertEquals(SOCKET, e.socketId());
        assertEquals("n2", e.remoteNode());
        assertTrue(e.message().startsWith("n1 is down"), e.message());
        assertEquals(0, n0.memory.inUse());
        assertEquals(List.of("n2"), n0.drainedTo(CircuitMessages.Expire.class), "the dead node is not told");
        assertEquals(List.of(), n0.link.cancelled, "the link layer ended the requests to the dead node itself");
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class), "no fresh circuit over a dead node");

        n0.service.peerDown("n1"); // idempotent
        assertEquals(1, n0.errors.size());
        NoRouteException refused = assertThrows(NoRouteException.class, () -> n0.service.request(TO_N2));
        assertTrue(refused.getMessage().contains("down"), refused.getMessage());
        assertNotNull(n0.service.unreachableBecauseDown("n2"));

        n0.service.peerUp("n1");
        assertNull(n0.service.unreachableBecauseDown("n2"));
        n0.service.request(TO_N2);
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Setup.class));
    }

    @Test
    void theFarEndDownCancelsTheHeadsLinkRequestsTowardsTheLiveRepeater() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3);
        headHoldingAPair(n0);
        n0.service.peerDown("n2");
        assertEquals(LinkErrorCode.UNREACHABLE, only(n0.errors).code());
        assertEquals(List.of(new CreateId("n0", 1)), n0.link.cancelled);
        assertEquals(List.of("n1"), n0.drainedTo(CircuitMessages.Expire.class));
        assertEquals(0, n0.memory.inUse());
    }

    @Test
    void aRepeaterTearsDownItsPartWithoutAnErrorOfItsOwn() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3).listen(SOCKET);
        int purpose = HeadDemands.CIRCUIT_PURPOSE_BASE + 2;
        n1.receive("n0", setup("n0/circuit-0", purpose, path(3), null, 0));
        n1.link.deliverPair(purpose, "n0", "n0", 1, 0, 0.9);
        n1.service.peerDown("n2");
        assertEquals(List.of(), n1.errors, "a repeater has no listener on the circuit");
        assertEquals(0, n1.memory.inUse());
        assertEquals(List.of("n0"), n1.drainedTo(CircuitMessages.Expire.class));
    }

    @Test
    void aSetupThroughANodeKnownDownIsRefused() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3);
        n1.service.peerDown("n2");
        n1.receive("n0", setup("n0/circuit-0", HeadDemands.CIRCUIT_PURPOSE_BASE, path(3), null, 0));
        assertEquals(List.of(), n1.link.creates);
        CircuitMessages.Expire x = n1.single(CircuitMessages.Expire.class);
        assertTrue(x.reason().startsWith("n2 is down"), x.reason());
        assertEquals(0, n1.service.rejected(), "refused, not malformed");
    }

    private static NetworkError only(List<NetworkError> errors) {
        assertEquals(1, errors.size(), "errors: " + errors);
        return errors.get(0);
    }
}
