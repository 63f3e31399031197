package org.qnetstack.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.MeasurementAxis;
import org.qnetstack.hal.HeraldingScheme;
import org.qnetstack.hal.LinkSpec;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.StationSpec;
import org.qnetstack.physical.internal.DelayedClassicalNetwork;
import org.qnetstack.sim.SimulatedPlatform;

/**
 * The node side of the heralding protocol against crafted station replies: only a reply from the
 * station, with the next sequence number, for a slot this end attempted in and for the same queue
 * item, hands a pair up; everything else is rejected and counted, and gaps are reported as lost heralds.
 */
class HeraldingNodeTest {
    private static final String LINK = "alice-bob";
    private static final String STATION = "alice-bob-station";

    private SimulatedPlatform platform;
    private ClassicalNetwork network;
    private QubitMemory memory;
    private HeraldingNode node;
    private final List<HeraldedPair> heralds = new ArrayList<>();
    private final List<long[]> lost = new ArrayList<>();

    @BeforeEach
    void setUp() {
        platform = new SimulatedPlatform(new PlatformSpec(1, List.of(NodeSpec.of("alice", "ideal"),
                NodeSpec.of("bob", "ideal")), List.of(new LinkSpec(LINK, "alice", "bob", 2,
                HeraldingScheme.SINGLE_CLICK, new StationSpec(STATION, StationSpec.SIMULATED_DETECTORS), Map.of())),
                Map.of("attempts", "step")));
        network = new DelayedClassicalNetwork(platform);
        memory = new QubitMemory(platform.device("alice").info());
        node = new HeraldingNode("alice", platform.link(LINK), platform.device("alice"), memory,
                platform.scheduler("alice"), network, new AttemptSource() {
                    @Override
                    public long nextWorkSlot(long fromSlot) {
                        return fromSlot <= 7 ? Math.max(fromSlot, 5) : -1;
                    }

                    @Override
                    public @Nullable AttemptPlan planFor(long slot) {
                        return slot >= 5 && slot <= 7 ? new AttemptPlan(1, 0.25, MeasurementAxis.Z) : null;
                    }

                    @Override
                    public boolean moreWorkAfterOneMore(long queueItem) {
                        return false;
                    }

                    @Override
                    public MeasurementAxis axisFor(long queueItem) {
                        return MeasurementAxis.Z;
                    }

                    @Override
                    public void onHerald(HeraldedPair pair) {
                        heralds.add(pair);
                    }

                    @Override
                    public void onHeraldsLost(long fromSeq, long toSeq) {
                        lost.add(new long[] {fromSeq, toSeq});
                    }
                });
        node.start();
        // Attempts in slots 5, 6 and 7; nobody runs the station, so we play it.
        platform.runUntil(() -> false, 12 * platform.link(LINK).slotNanos());
        assertEquals(3, node.stats().attempts());
    }

    @AfterEach
    void tearDown() {
        node.stop();
        assertEquals(0, memory.inUse(), "every qubit released");
        platform.close();
    }

    private void reply(String from, Object payload) {
        network.send(from, "alice", HeraldingNode.protocolFor(LINK), payload);
        platform.runUntil(() -> false, 1_000_000);
    }

    private static HeraldingMessages.Reply reply(long seq, long slot, HeraldOutcome outcome, long itemA) {
        return new HeraldingMessages.Reply(LINK, seq, slot, outcome, itemA, 1);
    }

    @Test
    void aMatchingReplyHandsUpThePairWithTheDetectorsBellIndex() {
        reply(STATION, reply(1, 5, HeraldOutcome.PSI_MINUS, 1));
        assertEquals(1, heralds.size());
        HeraldedPair p = heralds.get(0);
        assertEquals(3, p.bellIndex());
        assertEquals(5, p.slot());
        assertEquals(1, p.stationSeq());
        assertEquals(MeasurementAxis.Z, p.axis());
        assertTrue(p.outcome() == 0 || p.outcome() == 1);
    }

    @Test
    void repeatedOrOldSequenceNumbersAreRejected() {
        reply(STATION, reply(1, 5, HeraldOutcome.PSI_PLUS, 1));
        reply(STATION, reply(1, 6, HeraldOutcome.PSI_PLUS, 1));
        assertEquals(1, heralds.size());
        assertEquals(1, node.stats().rejectedReplies());
    }

    @Test
    void aGapInSequenceNumbersReportsTheLostHeralds() {
        reply(STATION, reply(1, 5, HeraldOutcome.FAIL, 1));
        reply(STATION, reply(4, 6, HeraldOutcome.PSI_PLUS, 1));
        assertEquals(1, lost.size());
        assertEquals(2, lost.get(0)[0]);
        assertEquals(3, lost.get(0)[1]);
        assertEquals(1, heralds.size(), "the reply after the gap still matches its own attempt");
    }

    @Test
    void aMismatchedQueueItemIsNeverAPair() {
        reply(STATION, reply(1, 5, HeraldOutcome.PSI_PLUS, 99));
        assertEquals(0, heralds.size());
        assertEquals(1, node.stats().rejectedReplies());
        // …and the link layer hears that this end will never hold herald 1, since the other end may
        assertEquals(1, lost.size());
        assertEquals(1, lost.get(0)[0]);
        assertEquals(1, lost.get(0)[1]);
        assertEquals(1, node.settledStationSeq());
    }

    @Test
    void aRejectedFailureIsNotReportedAsALostHerald() {
        reply(STATION, reply(1, 42, HeraldOutcome.FAIL, 1));
        assertEquals(0, lost.size());
        assertEquals(1, node.lastStationSeq());
    }

    @Test
    void aReplyForASlotWithNoAttemptIsRejectedAndSkippedAttemptsCountAsLostReplies() {
        reply(STATION, reply(1, 42, HeraldOutcome.PSI_PLUS, 1));
        assertEquals(0, heralds.size());
        assertEquals(3, node.stats().lostReplies(), "slots 5–7 were passed over by the station's reply");
        assertEquals(1, node.stats().rejectedReplies());
    }

    @Test
    void repliesFromAnyoneButTheStationOrOfTheWrongKindAreRejected() {
        reply("bob", reply(1, 5, HeraldOutcome.PSI_PLUS, 1));
        reply(STATION, "not a reply");
        reply(STATION, new HeraldingMessages.Reply("other-link", 1, 5, HeraldOutcome.PSI_PLUS, 1, 1));
        assertEquals(0, heralds.size());
        assertEquals(3, node.stats().rejectedReplies());
        // …and the protocol keeps serving: the genuine reply still goes through.
        reply(STATION, reply(1, 5, HeraldOutcome.PSI_PLUS, 1));
        assertEquals(1, heralds.size());
    }
}
