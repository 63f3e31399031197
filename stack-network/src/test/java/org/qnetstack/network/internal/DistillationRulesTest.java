package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.SOCKET;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.path;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.setup;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.MeasureBasis;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.Distillation;
import org.qnetstack.network.DistillationProtocol;
import org.qnetstack.network.PairRequest;

/**
 * Distillation bookkeeping over one hop n0 – n1: the leader (n0) asks for 2^rounds pairs, applies its half of a
 * round and sends its outcome; the follower answers with its own; the round keeps its first pair when the
 * outcomes agree once the Pauli frame is folded in, and is counted either way.
 */
class DistillationRulesTest {
    private static final String CIRCUIT = "n0/circuit-0";

    /** The leader n0, with a request of one distilled pair from n1 running; returns its circuit's purpose id. */
    private static int lead(EmbeddedNetworkNode n0, DistillationProtocol protocol) {
        n0.listen(SOCKET).service.request(new PairRequest("n1", RequestType.KEEP, 1, 0.5, MeasureBasis.Z.choice(),
                MeasureBasis.Z.choice(), SOCKET, 0, new CircuitPolicy(new Distillation(protocol, 1), 0)));
        int purpose = n0.single(CircuitMessages.Setup.class).purposeId();
        assertEquals(2, n0.link.lastCreateTo("n1").number(), "one round: two pairs");
        return purpose;
    }

    private static EntanglementId pair(long seq) {
        return new EntanglementId("n0", "n1", seq);
    }

    @Test
    void dejmpsRoundWhoseOutcomesAgreeThroughTheFrameKeepsThePairWithTheFoldedBellIndex() {
        EmbeddedNetworkNode n0 = new EmbeddedNetworkNode("n0", EmbeddedNetworkNode.chain(2, List.of()));
        int purpose = lead(n0, DistillationProtocol.DEJMPS);
        n0.device.thenMeasure(0);
        // Bell indices 1 (Z frame) and 0: the frame flips the leader's outcome, and leaves 3 on the kept pair.
        n0.link.deliverPair(purpose, "n1", "n0", 1, 1, 0.9);
        n0.link.deliverPair(purpose, "n1", "n0", 2, 0, 0.9);
        CircuitMessages.Distil d = n0.single(CircuitMessages.Distil.class);
        assertEquals(new CircuitMessages.Distil(CIRCUIT, 0, pair(1), pair(2), DistillationProtocol.DEJMPS, 0, 0, 0), d);
        assertEquals(1, n0.memory.inUse(), "the measured pair's qubit is given back at once");

        n0.receive("n1", new CircuitMessages.DistilReply(CIRCUIT, 0, 1));
        assertEquals(1, n0.service.distillationRounds());
        assertEquals(1, n0.service.distillationRoundsKept());
        assertEquals(1, n0.pairs.size(), "one hop: the distilled pair is the end-to-end pair");
        assertEquals(3, n0.pairs.get(0).bellIndex());
        assertEquals(pair(1), n0.pairs.get(0).pairId());
        assertTrue(n0.pairs.get(0).fidelity() > 0.9, "distilled above its inputs: " + n0.pairs.get(0).fidelity());
        assertEquals(1, n0.link.creates.size(), "no more pairs asked for");
    }

    @ParameterizedTest
    @EnumSource(DistillationProtocol.class)
    void aRoundWhoseOutcomesDisagreeLosesBothPairsAndAsksForTwoMore(DistillationProtocol protocol) {
        EmbeddedNetworkNode n0 = new EmbeddedNetworkNode("n0", EmbeddedNetworkNode.chain(2, List.of()));
        int purpose = lead(n0, protocol);
        n0.device.thenMeasure(1);
        n0.link.deliverPair(purpose, "n1", "n0", 1, 0, 0.8);
        n0.link.deliverPair(purpose, "n1", "n0", 2, 0, 0.8);
        CircuitMessages.Distil d = n0.single(CircuitMessages.Distil.class);
        assertEquals(1, d.outcome());
        assertTrue(d.firstTwirl() >= 0 && d.firstTwirl() < DistillationRound.TWIRLS);
        assertTrue(d.secondTwirl() >= 0 && d.secondTwirl() < DistillationRound.TWIRLS);
        n0.receive("n1", new CircuitMessages.DistilReply(CIRCUIT, d.job(), 0)); // Φ+ frames: no flip, disagree
        assertEquals(1, n0.service.distillationRounds());
        assertEquals(0, n0.service.distillationRoundsKept());
        assertEquals(List.of(), n0.pairs);
        assertEquals(0, n0.memory.inUse(), "both pairs' qubits given back");
        assertEquals(2, n0.link.creates.size());
        assertEquals(2, n0.link.lastCreateTo("n1").number(), "two fresh pairs for the next round");
        n0.receive("n1", new CircuitMessages.DistilReply(CIRCUIT, d.job(), 1)); // a repeat changes nothing
        assertEquals(1, n0.service.distillationRounds());
    }

    @Test
    void bbpsswRoundKeepsThePairWhenTheOutcomesAgree() {
        EmbeddedNetworkNode n0 = new EmbeddedNetworkNode("n0", EmbeddedNetworkNode.chain(2, List.of()));
        int purpose = lead(n0, DistillationProtocol.BBPSSW);
        n0.link.deliverPair(purpose, "n1", "n0", 1, 0, 0.8);
        n0.link.deliverPair(purpose, "n1", "n0", 2, 0, 0.8);
        CircuitMessages.Distil d = n0.single(CircuitMessages.Distil.class);
        n0.receive("n1", new CircuitMessages.DistilReply(CIRCUIT, d.job(), d.outcome()));
        assertEquals(1, n0.service.distillationRoundsKept());
        assertEquals(1, n0.pairs.size());
        assertEquals(0, n0.pairs.get(0).bellIndex(), "twirls keep Φ+ frames at Φ+");
        // BBPSSW's kept state: F' = (F² + ((1−F)/3)²) / (F² + 2F(1−F)/3 + 5((1−F)/3)²) (docs/physics.md)
        double f = 0.8;
        double e = (1 - f) / 3;
        assertEquals((f * f + e * e) / (f * f + 2 * f * e + 5 * e * e), n0.pairs.get(0).fidelity(), 1e-12);
    }

    @Test
    void theFollowerAnswersARoundWithItsOutcomeAndARepeatFromMemory() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 2).listen(SOCKET);
        int purpose = HeadDemands.CIRCUIT_PURPOSE_BASE + 3;
        n1.receive("n0", setup(CIRCUIT, purpose, path(2), new Distillation(DistillationProtocol.DEJMPS, 1), 0));
        CircuitMessages.Distil d = new CircuitMessages.Distil(CIRCUIT, 0, pair(1), pair(2),
                DistillationProtocol.DEJMPS, 0, 0, 1);
        n1.receive("n0", d); // before its pairs: parked
        assertEquals(List.of(), n1.drain(CircuitMessages.DistilReply.class));
        n1.device.thenMeasure(0);
        n1.link.deliverPair(purpose, "n0", "n0", 1, 1, 0.9);
        n1.link.deliverPair(purpose, "n0", "n0", 2, 0, 0.9);
        assertEquals(new CircuitMessages.DistilReply(CIRCUIT, 0, 0), n1.single(CircuitMessages.DistilReply.class));
        assertEquals(1, n1.pairs.size(), "leader 1 ⊕ flip 1 = 0 agrees with the follower's 0: kept");
        assertEquals(3, n1.pairs.get(0).bellIndex(), "the same frame as the leader's");
        assertEquals(0, n1.service.distillationRounds(), "rounds are counted where they are led");

        long measured = n1.device.count("measure");
        n1.receive("n0", d); // the leader did not hear the answer: the same answer again, nothing measured
        assertEquals(new CircuitMessages.DistilReply(CIRCUIT, 0, 0), n1.single(CircuitMessages.DistilReply.class));
        assertEquals(measured, n1.device.count("measure"));
    }

    @Test
    void aMalformedRoundIsRejected() {
        EmbeddedNetworkNode n1 = EmbeddedNetworkNode.inChain(1, 2);
        n1.receive("n0", new CircuitMessages.Distil(CIRCUIT, 0, pair(1), pair(2), DistillationProtocol.BBPSSW,
                DistillationRound.TWIRLS, 0, 0));
        n1.receive("n0", new CircuitMessages.Distil(CIRCUIT, 0, pair(1), pair(2), DistillationProtocol.BBPSSW,
                0, -1, 0));
        n1.receive("n0", new CircuitMessages.Distil(CIRCUIT, 0, pair(1), pair(2), DistillationProtocol.DEJMPS, 0, 0,
                2));
        n1.receive("n0", new CircuitMessages.DistilReply(CIRCUIT, 0, -1));
        assertEquals(4, n1.service.rejected());
    }
}
