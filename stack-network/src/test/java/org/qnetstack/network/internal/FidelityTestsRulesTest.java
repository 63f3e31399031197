package org.qnetstack.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.SOCKET;
import static org.qnetstack.network.internal.EmbeddedNetworkNode.path;
import static org.qnetstack.network.internal.MeasureDirectlyRulesTest.CIRCUIT;
import static org.qnetstack.network.internal.MeasureDirectlyRulesTest.LEFT;
import static org.qnetstack.network.internal.MeasureDirectlyRulesTest.PURPOSE;
import static org.qnetstack.network.internal.MeasureDirectlyRulesTest.RIGHT;
import static org.qnetstack.network.internal.MeasureDirectlyRulesTest.SWAP;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Basis;
import org.qnetstack.link.BasisChoice;
import org.qnetstack.link.EntanglementId;
import org.qnetstack.link.InvalidRequestException;
import org.qnetstack.link.LinkErrorCode;
import org.qnetstack.link.RequestType;
import org.qnetstack.network.CircuitPolicy;
import org.qnetstack.network.FidelityTesting;
import org.qnetstack.network.MeasuredFidelity;
import org.qnetstack.network.NetworkError;
import org.qnetstack.network.PairRequest;
import org.qnetstack.network.Refusal;

/**
 * End-to-end test pairs over a chain n0 – n1 – n2: the head says in each set-up whether the pair is a test and its
 * basis; both ends measure a test pair in it once joined, send each other the outcome and deliver nothing; both count
 * the test against the pair's Bell state, and later pairs carry the figures. Outcomes not expected are rejected and
 * counted. The circuit, its link pairs and the repeater's report are {@link MeasureDirectlyRulesTest}'s: the
 * end-to-end pair is Φ+ (Y outcomes differ, X and Z agree).
 */
class FidelityTestsRulesTest {
    private static CircuitMessages.Setup setup(String circuit, Basis test) {
        return new CircuitMessages.Setup(circuit, PURPOSE, path(3), SOCKET, Collections.nCopies(2, 0.5), null, 0,
                null, new CircuitMessages.Testing(test, 0.95));
    }

    /** The tail joined a test pair in Y and measured 0 (its outcome sent to the head). */
    private static EmbeddedNetworkNode tailWithTestPair() {
        EmbeddedNetworkNode n2 = EmbeddedNetworkNode.inChain(2, 3).listen(SOCKET);
        n2.receive("n0", setup(CIRCUIT, Basis.Y));
        n2.device.thenMeasure(0);
        n2.link.deliverPair(PURPOSE, "n1", "n1", RIGHT.sequence(), 2, 0.9);
        n2.receive("n1", SWAP);
        return n2;
    }

    @Test
    void anEndMeasuresATestPairInTheSetupsBasisSendsItsOutcomeAndDeliversNothing() {
        EmbeddedNetworkNode n2 = tailWithTestPair();
        assertTrue(n2.device.log.contains("measure 0 Y"), "in the set-up's basis: " + n2.device.log);
        assertEquals(0, n2.memory.inUse(), "the qubit is freed");
        assertEquals(List.of(), n2.pairs, "a test pair is never delivered");
        CircuitMessages.TestOutcome out = n2.single(CircuitMessages.TestOutcome.class);
        assertEquals(new CircuitMessages.TestOutcome(CIRCUIT, Basis.Y, 0), out);
    }

    /** A measure-directly end measures a test pair on arrival in the test's basis, not its request's. */
    @Test
    void aMeasureDirectlyEndMeasuresATestPairInTheTestsBasis() {
        EmbeddedNetworkNode n2 = EmbeddedNetworkNode.inChain(2, 3).listen(SOCKET);
        CircuitMessages.Measured zThenX = new CircuitMessages.Measured(BasisChoice.fixed(Basis.Z),
                BasisChoice.fixed(Basis.X));
        n2.receive("n0", new CircuitMessages.Setup(CIRCUIT, PURPOSE, path(3), SOCKET, Collections.nCopies(2, 0.5),
                null, 0, zThenX, new CircuitMessages.Testing(Basis.Y, 0.95)));
        n2.device.thenMeasure(1);
        n2.link.deliverPair(PURPOSE, "n1", "n1", RIGHT.sequence(), 2, 0.9);
        assertTrue(n2.device.log.contains("measure 0 Y"), "the test's basis: " + n2.device.log);
        n2.receive("n1", SWAP);
        assertEquals(List.of(), n2.pairs);
        assertEquals(new CircuitMessages.TestOutcome(CIRCUIT, Basis.Y, 1), n2.single(CircuitMessages.TestOutcome.class));
    }

    @Test
    void bothOutcomesCountAgainstTheBellStateAndLaterPairsCarryTheFigures() {
        EmbeddedNetworkNode n2 = tailWithTestPair();
        n2.receive("n0", new CircuitMessages.TestOutcome(CIRCUIT, Basis.Y, 1)); // differ on Φ+ in Y: no error
        assertEquals(0, n2.service.rejected());
        // The next circuit's pair is delivered with one test, no error: the interval of 0 of 1 in each sampled basis.
        String next = "n0/circuit-1";
        n2.receive("n0", setup(next, null));
        n2.link.deliverPair(PURPOSE, "n1", "n1", RIGHT.sequence() + 10, 2, 0.9);
        n2.receive("n1", new CircuitMessages.Swapped(next, new EntanglementId("n0", "n1", 110), 1,
                new EntanglementId("n1", "n2", 111), 2, 3, 0.9, 0.9, 0));
        assertEquals(1, n2.pairs.size());
        MeasuredFidelity m = n2.pairs.get(0).measured();
        assertNotNull(m);
        assertEquals(1, m.samples());
        assertEquals(0, m.errors());
        assertEquals(1.0, m.estimate(), 1e-12);
        assertEquals(0.95, m.confidence());
        assertTrue(m.lower() < m.upper() && m.upper() == 1.0, m.toString());
    }

    @Test
    void outcomesNotExpectedAreRejectedAndCounted() {
        EmbeddedNetworkNode n2 = tailWithTestPair();
        n2.receive("n0", new CircuitMessages.TestOutcome(CIRCUIT, Basis.Y, 2)); // not an outcome
        n2.receive("n1", new CircuitMessages.TestOutcome(CIRCUIT, Basis.Y, 1)); // not the other end
        n2.receive("n0", new CircuitMessages.TestOutcome(CIRCUIT, Basis.X, 1)); // not the test's basis
        n2.receive("n0", new CircuitMessages.TestOutcome("n0/circuit-9", Basis.Y, 1)); // no such test
        n2.receive("n0", new CircuitMessages.TestOutcome(CIRCUIT, null, 1)); // malformed
        assertEquals(5, n2.service.rejected());
        n2.receive("n0", new CircuitMessages.TestOutcome(CIRCUIT, Basis.Y, 1)); // the real one still counts
        n2.receive("n0", new CircuitMessages.TestOutcome(CIRCUIT, Basis.Y, 1)); // but only once
        assertEquals(6, n2.service.rejected());
    }

    @Test
    void anOutcomeBeforeThisEndMeasuredWaitsForIt() {
        EmbeddedNetworkNode n2 = EmbeddedNetworkNode.inChain(2, 3).listen(SOCKET);
        n2.receive("n0", setup(CIRCUIT, Basis.Z));
        n2.receive("n0", new CircuitMessages.TestOutcome(CIRCUIT, Basis.Z, 1));
        n2.device.thenMeasure(0); // Z on Φ+ should agree: an error
        n2.link.deliverPair(PURPOSE, "n1", "n1", RIGHT.sequence(), 2, 0.9);
        n2.receive("n1", SWAP);
        assertEquals(0, n2.service.rejected());
        assertEquals(1, n2.single(CircuitMessages.TestOutcome.class).outcome() + 1);
        assertEquals(1, n2.service.measured(SOCKET, "n0", 0.95).errors());
    }

    /**
     * A verified request tests every pair until the lower bound reaches the minimum, and says so in the set-up; a
     * budget of one test that cannot show 0.8 ends the request with the measured figures and gives up the next
     * circuit.
     */
    @Test
    void theHeadSaysWhichPairIsATestAndRefusesWhatTheTestsCannotShow() {
        EmbeddedNetworkNode n0 = EmbeddedNetworkNode.inChain(0, 3).listen(SOCKET);
        n0.service.request(new PairRequest("n2", RequestType.KEEP, 1, 0.8, BasisChoice.fixed(Basis.Z),
                BasisChoice.fixed(Basis.Z), SOCKET, 0, CircuitPolicy.NONE)
                .withTesting(new FidelityTesting(0, 0.95, true, 1)));
        CircuitMessages.Setup s = n0.drain(CircuitMessages.Setup.class).get(0).message();
        assertNotNull(s.testing());
        assertNotNull(s.testBasis(), "unverified: the pair is a test");
        n0.device.thenMeasure(0);
        n0.link.deliverPair(s.purposeId(), "n1", "n0", LEFT.sequence(), 0, 0.9);
        n0.receive("n1", new CircuitMessages.Swapped(s.circuit(), LEFT, 0, RIGHT, 0, 0, 0.9, 0.9, 0));
        assertEquals(List.of(), n0.pairs);
        assertEquals(List.of("n2"), n0.drainedTo(CircuitMessages.TestOutcome.class));
        CircuitMessages.Setup again = n0.drain(CircuitMessages.Setup.class).get(0).message();
        assertNotNull(again.testBasis(), "a test pair owes no less: the next pair starts, a test again");

        // The tail's outcome matches Φ+ (Y differs, X and Z agree): no error, but one test cannot show 0.8.
        n0.receive("n2", new CircuitMessages.TestOutcome(s.circuit(), s.testBasis(), s.testBasis() == Basis.Y ? 1 : 0));
        assertEquals(0, n0.service.rejected());
        assertEquals(1, n0.errors.size());
        NetworkError e = n0.errors.get(0);
        assertEquals(LinkErrorCode.REJECTED, e.code());
        assertNotNull(e.refusal());
        assertEquals(Refusal.Figure.MEASURED_FIDELITY, e.refusal().figure());
        assertEquals("n0-n1-n2", e.refusal().where());
        assertEquals(0.8, e.refusal().asked());
        assertTrue(e.message().contains("not shown above"), e.message());
        assertEquals(List.of("n1", "n2"), n0.drainedTo(CircuitMessages.Expire.class), "the next circuit is given up");
        assertEquals(List.of(), n0.drainedTo(CircuitMessages.Setup.class));
    }

    @Test
    void testingIsCheckedWhereItIsAsked() {
        assertThrows(InvalidRequestException.class, () -> new FidelityTesting(1, 0.95, false, 10));
        assertThrows(InvalidRequestException.class, () -> new FidelityTesting(0.1, 1, false, 10));
        assertThrows(InvalidRequestException.class, () -> new FidelityTesting(0.1, 0.95, true, 0));
        assertNull(new PairRequest("n2", RequestType.KEEP, 1, 0.8, BasisChoice.fixed(Basis.Z),
                BasisChoice.fixed(Basis.Z), SOCKET, 0, CircuitPolicy.NONE).testing());
        assertEquals(LinkErrorCode.REJECTED, new NetworkError(SOCKET, "n2", LinkErrorCode.REJECTED, "x",
                new Refusal(Refusal.Figure.MEASURED_FIDELITY, Refusal.Scope.PATH, "n0-n1-n2", 0.8, 0.5, 0.8, "a"))
                .code());
    }
}
