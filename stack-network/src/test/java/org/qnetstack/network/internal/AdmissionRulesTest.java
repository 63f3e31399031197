package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.AdmissionException;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.network.NetworkModel;
import org.qnetstack.network.PairRequest;
import org.qnetstack.network.Refusal;

/**
 * Admission at the head of a chain n0 – n1 – n2 with the network's controller, on the embedded harness: what it
 * refuses, it refuses before anything is sent or asked of a link, with a {@link Refusal} naming the link or node
 * and the figures; what it admits, it reserves until the request ends; a best-effort request skips it.
 * Links: 100 pairs/s of F = 0.9 (w = 13/15), memories that keep their state, {@link #QUBITS} qubits a node.
 */
class AdmissionRulesTest {
    static final int QUBITS = 4;

    static AdmissionController controller() {
        double inf = Double.POSITIVE_INFINITY;
        return new AdmissionController(new NetworkModel(List.of(
                new NetworkModel.Link("n0-n1", "n0", "n1", 100, 0.9, EmbeddedNetworkNode.DELAY_NANOS, 0),
                new NetworkModel.Link("n1-n2", "n1", "n2", 100, 0.9, EmbeddedNetworkNode.DELAY_NANOS, 0)),
                List.of(new NetworkModel.Node("n0", QUBITS, inf, inf), new NetworkModel.Node("n1", QUBITS, inf, inf),
                        new NetworkModel.Node("n2", QUBITS, inf, inf))));
    }

    private static EmbeddedNetworkNode head(AdmissionController c) {
        return new EmbeddedNetworkNode("n0", EmbeddedNetworkNode.chain(3, List.of()), c).listen(1).listen(2);
    }

    private static PairRequest request(int socket, double minFidelity, CircuitPolicy policy, double rate) {
        return new PairRequest("n2", RequestType.KEEP, 5, minFidelity, MeasureBasis.Z, socket, 0, policy)
                .withRate(rate);
    }

    /** Nothing left the node: no setup, no link request. */
    private static void nothingSent(EmbeddedNetworkNode n) {
        assertEquals(List.of(), n.drainedTo(CircuitMessages.Setup.class));
        assertEquals(List.of(), n.link.creates);
    }

    @Test
    void aFidelityNoPathReachesIsRefusedBeforeAnythingIsSentNamingTheLinkAndWhatItWouldNeed() {
        AdmissionController c = controller();
        EmbeddedNetworkNode n = head(c);
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> n.service.request(request(1, 0.9, CircuitPolicy.NONE, 0)));
        nothingSent(n);
        assertEquals(0, c.reservations());
        Refusal r = e.refusal();
        assertNotNull(r);
        assertEquals(Refusal.Figure.FIDELITY, r.figure());
        assertEquals(Refusal.Scope.LINK, r.scope());
        assertEquals("n0-n1", r.where(), "equal links: the first is the weakest");
        double w = 13.0 / 15;
        assertEquals(0.9, r.asked());
        assertEquals((3 * w * w + 1) / 4, r.achievable(), 1e-12);
        // With n1-n2 as it is, n0-n1's pairs would need w' = w(0.9)/w = (13/15)/(13/15) = 1: F = 1.
        assertEquals(1.0, r.needed(), 1e-12);
        assertTrue(r.advice().contains("distillation"), r.advice());
    }

    @Test
    void anAdmittedRateIsReservedUntilItsSocketIsCancelledAndARateBeyondWhatIsLeftIsRefused() {
        AdmissionController c = controller();
        EmbeddedNetworkNode n = head(c);
        n.service.request(request(1, 0.7, CircuitPolicy.NONE, 50));
        assertEquals(List.of("n1", "n2"), n.drainedTo(CircuitMessages.Setup.class));
        assertEquals(1, c.reservations());
        assertEquals(50, c.reservedPairsPerSecond("n0-n1"), 1e-12);
        assertEquals(50, c.reservedPairsPerSecond("n1-n2"), 1e-12);
        assertEquals(2, c.reservedQubits("n1"));
        n.link.creates.clear();

        // 90 % of 100 pairs/s may be reserved: 40 are left on each link.
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> n.service.request(request(2, 0.7, CircuitPolicy.NONE, 60)));
        nothingSent(n);
        Refusal r = e.refusal();
        assertEquals(Refusal.Figure.RATE, r.figure());
        assertEquals("n0-n1", r.where());
        assertEquals(60, r.asked());
        assertTrue(r.achievable() > 0 && r.achievable() < 40, "what is left, one pair at a time: " + r.achievable());
        assertEquals(60, r.needed(), 1e-9, "raw pairs/s the link would need free (no distillation)");
        assertTrue(r.advice().contains("40.00 raw pairs/s free"), r.advice());
        assertEquals(1, c.reservations(), "the refusal reserved nothing");

        assertTrue(n.service.cancel(1));
        assertEquals(0, c.reservations());
        assertEquals(0, c.reservedPairsPerSecond("n0-n1"), 1e-12);
        assertEquals(0, c.reservedQubits("n1"));
        n.drain(CircuitMessages.Expire.class);
        // 30 pairs/s, more than the 26.6 the path offered beside the first, fit once the first is gone.
        n.service.request(request(2, 0.7, CircuitPolicy.NONE, 30));
        assertEquals(List.of("n1", "n2"), n.drainedTo(CircuitMessages.Setup.class));
        assertEquals(30, c.reservedPairsPerSecond("n1-n2"), 1e-12);
    }

    @Test
    void aReservationTheRepeatersMemoryCannotHoldIsRefusedAtThatNode() {
        AdmissionController c = controller();
        EmbeddedNetworkNode n = head(c);
        // Two DEJMPS rounds hold four pairs a hop side: 8 qubits at the repeater, which has 4 (the ends need 4).
        CircuitPolicy distil = new CircuitPolicy(new Distillation(DistillationProtocol.DEJMPS, 2), 0);
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> n.service.request(request(1, 0.7, distil, 1)));
        nothingSent(n);
        Refusal r = e.refusal();
        assertEquals(Refusal.Figure.MEMORY, r.figure());
        assertEquals(Refusal.Scope.NODE, r.scope());
        assertEquals("n1", r.where());
        assertEquals(8, r.asked());
        assertEquals(4, r.achievable());
        assertEquals(8, r.needed());
        assertEquals(0, c.reservations());
    }

    @Test
    void aBestEffortRequestSkipsTheControllerAsANetworkWithoutOneWould() {
        AdmissionController c = controller();
        EmbeddedNetworkNode n = head(c);
        // The controller would refuse 0.9 (see above); best effort asks each hop for its share instead.
        n.service.request(request(1, 0.9, CircuitPolicy.NONE, 0).bestEffort());
        List<EmbeddedNetworkNode.Out<CircuitMessages.Setup>> setups = n.drain(CircuitMessages.Setup.class);
        assertEquals(2, setups.size());
        double share = LinkEstimates.perLinkFidelity(0.9, 2);
        setups.get(0).message().hopFidelities().forEach(f -> assertEquals(share, f, 1e-12));
        assertEquals(0, c.reservations());
    }
}
