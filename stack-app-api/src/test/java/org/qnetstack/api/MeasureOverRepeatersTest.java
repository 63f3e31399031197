package org.qnetstack.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * createMeasure / recvMeasure across repeaters, with the semantics they have over one link: both ends get the
 * same pair ids in the same order, each end reports the axis it measured along (drawn from its own choice),
 * the Φ+ correction applies to the outcome at the correcting end, and no node holds a qubit afterwards. On
 * ideal devices every end-to-end pair is exactly the Bell state reported, so same-basis outcomes in Z and X
 * agree once corrected.
 */
class MeasureOverRepeatersTest {
    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void measuredPairsOverAChainAgreeInTheSameBasis(int nodes) {
        int pairs = 200;
        String tail = "n" + (nodes - 1);
        List<EprMeasurement> atHead = new ArrayList<>();
        List<EprMeasurement> atTail = new ArrayList<>();
        try (SimulatedNetwork net = SimulatedNetwork.of(RepeaterChainTest.chain(nodes))) {
            net.runReactive("n0", node -> node.eprSocket(tail).phiPlus()
                    .createMeasure(pairs, BasisChoice.randomXz(), BasisChoice.randomXyz()).doOnNext(atHead::add));
            net.runReactive(tail, node -> node.eprSocket("n0").phiPlus().recvMeasure(pairs).doOnNext(atTail::add));
            net.awaitCompletion();
            for (int i = 0; i < nodes; i++) {
                assertEquals(0, net.node("n" + i).qubitsInUse(), "n" + i + " holds no qubit");
            }
        }
        assertEquals(pairs, atHead.size());
        assertEquals(pairs, atTail.size());
        int same = 0;
        int tailY = 0;
        for (int i = 0; i < pairs; i++) {
            EprMeasurement a = atHead.get(i);
            EprMeasurement b = atTail.get(i);
            assertEquals(a.id(), b.id(), "pair " + i);
            assertEquals(tail, a.remoteNode());
            assertEquals("n0", b.remoteNode());
            assertTrue(a.basis() == Basis.X || a.basis() == Basis.Z, "the head draws X or Z: " + a.axis());
            assertEquals(0, b.bellIndex(), "the receiving end corrected to Φ+");
            tailY += b.basis() == Basis.Y ? 1 : 0;
            if (a.basis() == b.basis()) {
                same++;
                assertEquals(a.outcome(), b.outcome(), "Φ+ agrees in " + a.basis() + ", pair " + i);
            }
        }
        assertTrue(same > 40, "about a third of the pairs share a basis: " + same);
        assertTrue(tailY > 40, "the tail draws Y too: " + tailY);
    }

    @Test
    void withoutTheCorrectionTheBellIndexTellsHowOutcomesRelate() {
        int pairs = 100;
        List<EprMeasurement> atHead = new ArrayList<>();
        List<EprMeasurement> atTail = new ArrayList<>();
        try (SimulatedNetwork net = SimulatedNetwork.of(RepeaterChainTest.chain(3))) {
            net.runReactive("n0", node -> node.eprSocket("n2")
                    .createMeasure(pairs, BasisChoice.fixed(Basis.Z), BasisChoice.fixed(Basis.X))
                    .concatWith(node.eprSocket("n2").createMeasure(pairs, MeasureBasis.X))
                    .doOnNext(atHead::add));
            net.runReactive("n2", node -> node.eprSocket("n0").recvMeasure(2 * pairs).doOnNext(atTail::add));
            net.awaitCompletion();
        }
        int flipped = 0;
        for (int i = 0; i < 2 * pairs; i++) {
            EprMeasurement a = atHead.get(i);
            EprMeasurement b = atTail.get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.bellIndex(), b.bellIndex(), "both ends report the same frame");
            if (i < pairs) {
                assertEquals(Basis.Z, a.basis(), "each side measures in the basis asked for it");
                assertEquals(Basis.X, b.basis());
            } else {
                assertEquals(Basis.X, a.basis());
                assertEquals(Basis.X, b.basis());
                // Φ+ agrees in X; the frame's Z part flips the relation.
                assertEquals(a.bellIndex() & 1, a.outcome() ^ b.outcome(), "pair " + i);
                flipped += a.bellIndex() & 1;
            }
        }
        assertTrue(flipped > 0 && flipped < pairs, "frames vary: " + flipped);
    }
}
