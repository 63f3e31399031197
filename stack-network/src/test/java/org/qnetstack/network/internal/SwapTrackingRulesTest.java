package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.SOCKET;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.path;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.setup;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.EndToEndPair;
import org.qnetstack.network.PairRequest;

/**
 * Swapping and Bell-index (Pauli frame) tracking: a repeater's Bell-state measurement is reported to both
 * ends, and each end delivers once the reports join its pair to the far end's, with the Bell index
 * b_link ⊕ (bsm ⊕ b_next) for every swap along the chain (docs/physics.md), the same at both ends.
 */
class SwapTrackingRulesTest {
    private static final int PURPOSE = HeadDemands.CIRCUIT_PURPOSE_BASE + 9;
    private static final String CIRCUIT = "n0/circuit-0";

    /** The link pair between node i and node i + 1 (its leader i created it). */
    private static EntanglementId hop(int i) {
        return new EntanglementId("n" + i, "n" + (i + 1), 100 + i);
    }

    /** Bell indices of the links and outcomes of the swaps, different enough that a wrong fold shows. */
    private static final int[] LINK_BELLS = {1, 2, 3, 1};
    private static final int[] BSMS = {3, 1, 1}; // their XOR is non-zero after 1, 2 and 3 swaps
    private static final double[] GOODNESS = {0.99, 0.97, 0.95, 0.9};

    /** The swap repeater i (1 ≤ i ≤ swaps) reports. */
    private static CircuitMessages.Swapped swap(int i) {
        return new CircuitMessages.Swapped(CIRCUIT, hop(i - 1), LINK_BELLS[i - 1], hop(i), LINK_BELLS[i], BSMS[i - 1],
                GOODNESS[i - 1], GOODNESS[i], 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void bothEndsDeliverTheSamePairWithTheBellIndexFoldedAlongTheChain(int swaps) {
        int nodes = swaps + 2;
        int expected = LINK_BELLS[0];
        double w = 1;
        for (int i = 1; i <= swaps; i++) {
            expected ^= BSMS[i - 1] ^ LINK_BELLS[i];
        }
        for (int i = 0; i <= swaps; i++) {
            w *= (4 * GOODNESS[i] - 1) / 3;
        }
        double fidelity = (3 * w + 1) / 4;

        // The head: its link pair first, then the reports, last repeater first (order must not matter).
        EmbeddedNetworkNode head = EmbeddedNetworkNode.inChain(0, nodes).listen(SOCKET);
        head.service.request(new PairRequest("n" + (nodes - 1), RequestType.KEEP, 1, 0.5, MeasureBasis.Z, SOCKET));
        int purpose = head.drain(CircuitMessages.Setup.class).get(0).message().purposeId();
        head.link.deliverPair(purpose, "n1", "n0", hop(0).sequence(), LINK_BELLS[0], GOODNESS[0]);
        for (int i = swaps; i >= 1; i--) {
            assertEquals(List.of(), head.pairs, "not joined before the last report");
            head.receive("n" + i, swap(i));
        }
        EndToEndPair atHead = only(head.pairs);

        // The tail: the reports first (they may come before the setup), then the setup, then its link pair.
        EmbeddedNetworkNode tail = EmbeddedNetworkNode.inChain(nodes - 1, nodes).listen(SOCKET);
        for (int i = 1; i <= swaps; i++) {
            tail.receive("n" + i, swap(i));
        }
        tail.receive("n0", setup(CIRCUIT, PURPOSE, path(nodes), null, 0));
        assertEquals(List.of(), tail.pairs);
        tail.link.deliverPair(PURPOSE, "n" + (nodes - 2), "n" + (nodes - 2), hop(nodes - 2).sequence(),
                LINK_BELLS[swaps], GOODNESS[swaps]);
        EndToEndPair atTail = only(tail.pairs);

        assertEquals(expected, atHead.bellIndex());
        assertEquals(expected, atTail.bellIndex(), "both ends agree on the Pauli frame");
        assertEquals(hop(0), atHead.pairId(), "named after the head's link pair");
        assertEquals(hop(0), atTail.pairId());
        assertEquals(fidelity, atHead.fidelity(), 1e-12, "Werner weights multiply");
        assertEquals(fidelity, atTail.fidelity(), 1e-12);
        assertEquals("n" + (nodes - 1), atHead.remoteNode());
        assertEquals("n0", atTail.remoteNode());
        // The delivered qubit is the listener's: one qubit in use at each end, nothing else held.
        assertEquals(1, head.memory.inUse());
        assertEquals(1, tail.memory.inUse());
    }

    @Test
    void aRepeaterSwapsOnceItHoldsAPairOnEachSideAndReportsToBothEnds() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 3);
        n1.receive("n0", setup(CIRCUIT, PURPOSE, path(3), null, 0));
        n1.device.thenBellIndex(2);
        n1.link.deliverPair(PURPOSE, "n2", "n1", hop(1).sequence(), 3, 0.9);
        assertEquals(List.of(), n1.drain(CircuitMessages.Swapped.class), "one side only: nothing to swap yet");
        n1.link.deliverPair(PURPOSE, "n0", "n0", hop(0).sequence(), 1, 0.8);
        List<EmbeddedNetworkNode.Out<CircuitMessages.Swapped>> out = n1.drain(CircuitMessages.Swapped.class);
        assertEquals(List.of("n0", "n2"), out.stream().map(EmbeddedNetworkNode.Out::to).toList());
        CircuitMessages.Swapped s = out.get(0).message();
        assertEquals(new CircuitMessages.Swapped(CIRCUIT, hop(0), 1, hop(1), 3, 2, 0.8, 0.9, 0), s);
        assertEquals(1, n1.device.count("CNOT"), "one Bell-state measurement");
        assertEquals(0, n1.memory.inUse(), "both qubits given back");
        assertFalse(n1.link.listeners.containsKey(PURPOSE), "the repeater's part is over");
    }

    @Test
    void aReportForACircuitAlreadyOverIsNotKept() {
        EmbeddedNetworkNode n2 = EmbeddedNetworkNode.inChain(2, 3).listen(SOCKET);
        n2.receive("n0", setup(CIRCUIT, PURPOSE, path(3), null, 0));
        n2.receive("n0", new CircuitMessages.Expire(CIRCUIT, "given up"));
        n2.receive("n1", swap(1));
        n2.receive("n0", setup(CIRCUIT, PURPOSE, path(3), null, 0)); // a late repeat of the setup
        assertFalse(n2.link.listeners.containsKey(PURPOSE), "a circuit given up is not joined again");
        assertEquals(List.of(), new ArrayList<>(n2.pairs));
    }

    private static EndToEndPair only(List<EndToEndPair> pairs) {
        assertEquals(1, pairs.size(), "pairs: " + pairs);
        return pairs.get(0);
    }
}
