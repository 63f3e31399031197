package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.SOCKET;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.path;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.setup;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.CreateRequest;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.Priority;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.NoRouteException;
import org.qnetstack.network.PairRequest;

/** Circuit set-up, one rule per test, on one embedded node. */
class CircuitSetupRulesTest {
    private static final int PURPOSE = HeadDemands.CIRCUIT_PURPOSE_BASE + 5;

    @Test
    void aRepeaterJoinsAWellFormedSetupFromItsHeadAndLeadsTheHopTowardsTheTail() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3);
        n1.receive("n0", setup("n0/circuit-0", PURPOSE, path(3), null, 0));
        assertEquals(0, n1.service.rejected());
        assertEquals(1, n1.link.creates.size(), "only the hop n1 leads asks for pairs");
        CreateRequest c = n1.link.lastCreateTo("n2");
        assertEquals(RequestType.KEEP, c.type());
        assertEquals(1, c.number(), "no distillation: one pair per end-to-end pair");
        assertEquals(PURPOSE, c.purposeId());
        assertEquals(0.5, c.minFidelity());
        assertEquals(Priority.NETWORK_LAYER, c.priority());
        assertTrue(n1.link.listeners.containsKey(PURPOSE));
    }

    @Test
    void aRepeatedSetupIsIgnored() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3);
        CircuitMessages.Setup s = setup("n0/circuit-0", PURPOSE, path(3), null, 0);
        n1.receive("n0", s);
        n1.receive("n0", s);
        assertEquals(1, n1.link.creates.size());
        assertEquals(0, n1.service.rejected());
        assertEquals(List.of(), n1.drain(Object.class));
    }

    @Test
    void malformedSetupsAndSetupsNotFromTheHeadAreRejectedAndCounted() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3);
        n1.receive("n0", setup("c1", PURPOSE, List.of("n0", "n1", "n0"), null, 0)); // n0 twice
        n1.receive("n0", setup("c2", PURPOSE, List.of("n0", "n2"), null, 0)); // n1 not on it
        n1.receive("n2", setup("c3", PURPOSE, path(3), null, 0)); // not from the head
        n1.receive("n0", new CircuitMessages.Setup("c4", PURPOSE, path(3), SOCKET, List.of(0.5), null, 0)); // hops
        n1.receive("n0", setup("c5", PURPOSE, path(3), null, -1)); // negative cutoff
        n1.receive("n0", "not a network message");
        assertEquals(6, n1.service.rejected());
        assertEquals(List.of(), n1.link.creates);
        // and the node keeps serving: a good one after them is joined
        n1.receive("n0", setup("c6", PURPOSE, path(3), null, 0));
        assertEquals(6, n1.service.rejected());
        assertEquals(1, n1.link.creates.size());
    }

    @Test
    void aSetupOnAPurposeIdInUseIsRefusedAndItsNodesTold() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3);
        n1.receive("n0", setup("n0/circuit-0", PURPOSE, path(3), null, 0));
        n1.receive("n0", setup("n0/circuit-1", PURPOSE, path(3), null, 0));
        assertEquals(1, n1.service.rejected());
        assertEquals(1, n1.link.creates.size(), "the newcomer asks for nothing");
        List<EmbeddedNetworkNode.Out<CircuitMessages.Expire>> expires = n1.drain(CircuitMessages.Expire.class);
        assertEquals(List.of("n0", "n2"), expires.stream().map(EmbeddedNetworkNode.Out::to).toList());
        assertTrue(expires.stream().allMatch(o -> o.message().circuit().equals("n0/circuit-1")));
    }

    @Test
    void aHeadAnnouncesItsCircuitToEveryNodeOfThePathAndJoinsIt() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 4).listen(SOCKET);
        n0.service.request(new PairRequest("n3", RequestType.KEEP, 2, 0.5, MeasureBasis.Z, SOCKET));
        List<EmbeddedNetworkNode.Out<CircuitMessages.Setup>> setups = n0.drain(CircuitMessages.Setup.class);
        assertEquals(List.of("n1", "n2", "n3"), setups.stream().map(EmbeddedNetworkNode.Out::to).toList());
        CircuitMessages.Setup s = setups.get(0).message();
        assertEquals(path(4), s.path());
        assertEquals("n0/circuit-0", s.circuit());
        // Without a controller each hop is asked for the fidelity whose Werner weight, cubed, is 0.5's.
        double w = Math.cbrt((4 * 0.5 - 1) / 3.0);
        assertEquals(List.of(3 * w / 4 + 0.25, 3 * w / 4 + 0.25, 3 * w / 4 + 0.25), s.hopFidelities());
        assertEquals(s.purposeId(), n0.link.lastCreateTo("n1").purposeId());
    }

    @Test
    void aRequestWithNoRouteIsRefusedAtOnce() {
        EmbeddedNetworkNode n0 = new EmbeddedNetworkNode("n0", EmbeddedNetworkNode.chain(3, List.of("island")));
        for (String remote : List.of("island", "nowhere", "n0")) {
            assertThrows(NoRouteException.class, () -> n0.service.request(
                    new PairRequest(remote, RequestType.KEEP, 1, 0.5, MeasureBasis.Z, SOCKET)), remote);
        }
        assertEquals(List.of(), n0.drain(Object.class));
        assertEquals(List.of(), n0.link.creates);
    }

    @Test
    void aNeighbourWithoutPolicyIsAskedOverItsLinkDirectly() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3);
        n0.service.request(new PairRequest("n1", RequestType.KEEP, 3, 0.5, MeasureBasis.Z, SOCKET));
        CreateRequest c = n0.link.lastCreateTo("n1");
        assertEquals(SOCKET, c.purposeId(), "a direct request uses the socket id as its purpose id");
        assertEquals(3, c.number());
        assertEquals(List.of(), n0.drain(CircuitMessages.Setup.class));
        assertTrue(n0.service.cancel(SOCKET));
        assertEquals(1, n0.link.cancelled.size());
    }
}
