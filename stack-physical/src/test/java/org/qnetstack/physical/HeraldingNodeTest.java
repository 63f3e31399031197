package org.qnetstack.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.MeasurementAxis;

/**
 * The node side of the heralding protocol against crafted station replies: only a reply from the
 * station, with the next sequence number, for a slot this end attempted in and for the same queue
 * item, hands a pair up; everything else is rejected and counted, and gaps are reported as lost heralds.
 */
class HeraldingNodeTest {
    private static final String STATION = EmbeddedHeraldingEnd.STATION;

    private EmbeddedHeraldingEnd h;
    private HeraldingNode node;
    private List<HeraldedPair> heralds;
    private List<long[]> lost;

    @BeforeEach
    void setUp() {
        h = new EmbeddedHeraldingEnd(true);
        node = h.end;
        heralds = h.heralds;
        lost = h.lost;
        // Attempts in slots 5, 6 and 7; nobody runs the station, so we play it.
        h.plan(1, MeasurementAxis.Z, 5, 7);
        h.advanceSlots(12);
        assertEquals(3, node.stats().attempts());
    }

    @AfterEach
    void tearDown() {
        h.close();
        assertEquals(0, h.memory.inUse(), "every qubit released");
    }

    private void reply(String from, Object payload) {
        h.fromStation(from, payload);
    }

    private static HeraldingMessages.Reply reply(long seq, long slot, HeraldOutcome outcome, long itemA) {
        return EmbeddedHeraldingEnd.reply(seq, slot, outcome, itemA);
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
