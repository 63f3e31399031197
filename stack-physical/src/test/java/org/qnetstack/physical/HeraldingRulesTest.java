package org.qnetstack.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qnetstack.physical.EmbeddedHeraldingEnd.reply;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Heralding rules on one embedded end: kept attempts keep to the lattice and to one qubit until their reply
 * or its deadline, a late reply hands nothing up, and a device's runs are announced, restarted when the
 * station does not acknowledge them, stopped until the stop is acknowledged, and their replies acknowledged.
 * (Sequence-number rules for measured attempts: {@link HeraldingNodeTest}.)
 */
class HeraldingRulesTest {
    @Test
    void keptAttemptsUseTheLatticeAndTheirQubitIsFreedWhenTheReplyIsOverdue() {
        try (EmbeddedHeraldingEnd h = new EmbeddedHeraldingEnd(true)) {
            long k = h.keepSlots();
            h.plan(1, null, 1, 10 * k);
            h.advanceSlots(k + k / 2);
            List<HeraldingMessages.Gen> gens = h.drain(HeraldingMessages.Gen.class);
            assertEquals(1, gens.size(), "one kept attempt, then wait for its reply");
            assertEquals(k, gens.get(0).slot(), "the first lattice slot at or after slot 1");
            assertEquals(1, h.memory.inUse(), "its qubit is held for the reply");
            h.advanceSlots(3 * k);
            gens = h.drain(HeraldingMessages.Gen.class);
            assertEquals(List.of(2 * k, 3 * k, 4 * k), gens.stream().map(HeraldingMessages.Gen::slot).toList());
            assertEquals(3, h.end.stats().overdueReplies(), "three replies never came");
            assertEquals(1, h.memory.inUse(), "one qubit at a time");
        }
    }

    @Test
    void aKeptPairIsHandedUpOnItsQubitAndALateReplyMatchesNothing() {
        try (EmbeddedHeraldingEnd h = new EmbeddedHeraldingEnd(true)) {
            long k = h.keepSlots();
            h.plan(1, null, 0, 10 * k);
            h.advanceSlots(k + 1); // attempts in slots 0 and k; the reply for 0 is overdue
            h.fromStation(reply(1, 0, HeraldOutcome.PSI_PLUS, 1));
            assertEquals(List.of(), h.heralds, "its qubit was given up when the reply was due");
            assertEquals(1, h.lost.size(), "the other end must hear that herald 1 is lost here");
            h.fromStation(reply(2, k, HeraldOutcome.PSI_MINUS, 1));
            assertEquals(1, h.heralds.size());
            HeraldedPair p = h.heralds.get(0);
            assertEquals(k, p.slot());
            assertEquals(3, p.bellIndex());
            assertNull(p.axis(), "kept");
            assertTrue(h.memory.isAllocated(p.qubit()), "the qubit is the link layer's now");
            assertEquals(2, h.end.settledStationSeq());
            h.memory.free(p.qubit());
        }
    }

    @Test
    void aRunTheStationDoesNotAcknowledgeStartsAgainUnderANewNumber() {
        try (EmbeddedHeraldingEnd h = new EmbeddedHeraldingEnd(false)) {
            long k = h.keepSlots();
            h.plan(7, null, 0, 1000 * k);
            HeraldingMessages.GenRun first = nextRun(h);
            assertEquals(1, first.runId());
            assertEquals(k, first.stride(), "a keep run attempts on the lattice");
            long rto = HeraldingNode.controlRtoNanos(h.platform.link(EmbeddedHeraldingEnd.LINK));
            h.advanceSlots(rto / h.slotNanos() + 1);
            assertEquals(1, h.end.stats().restartedRuns());
            HeraldingMessages.GenStop stop = h.drain(HeraldingMessages.GenStop.class).get(0);
            assertEquals(1, stop.runId());
            HeraldingMessages.GenRun second = nextRun(h);
            assertEquals(2, second.runId());
            h.fromStation(new HeraldingMessages.RunAck(EmbeddedHeraldingEnd.LINK, 2, false));
            h.advanceSlots(10 * rto / h.slotNanos());
            assertEquals(1, h.end.stats().restartedRuns(), "an acknowledged run goes on");
            assertTrue(h.drain(HeraldingMessages.GenStop.class).size() >= 1, "the stop of run 1 is resent");
            h.fromStation(new HeraldingMessages.RunAck(EmbeddedHeraldingEnd.LINK, 1, true));
            h.advanceSlots(100 * rto / h.slotNanos());
            assertEquals(List.of(), h.drain(HeraldingMessages.GenStop.class), "until acknowledged");
        }
    }

    @Test
    void runRepliesAreAcknowledgedAndAHeraldEndsTheKeepRunWithAPair() {
        try (EmbeddedHeraldingEnd h = new EmbeddedHeraldingEnd(false)) {
            long k = h.keepSlots();
            h.plan(7, null, 0, 1000 * k);
            assertEquals(1, nextRun(h).runId());
            h.fromStation(new HeraldingMessages.RunAck(EmbeddedHeraldingEnd.LINK, 1, false));
            h.advanceSlots(3 * k);
            h.fromStation(reply(1, 2 * k, HeraldOutcome.PSI_PLUS, 7));
            assertEquals(List.of(1L), h.drain(HeraldingMessages.ReplyAck.class).stream()
                    .map(HeraldingMessages.ReplyAck::seq).toList());
            assertEquals(1, h.heralds.size());
            assertEquals(2 * k, h.heralds.get(0).slot());
            assertEquals(3, h.end.stats().attempts(), "slots 0, k and 2k of the run");
            h.memory.free(h.heralds.get(0).qubit());
            // A reply on a slot of the next keep run that hands alice nothing: the device stopped on that click.
            HeraldingMessages.GenRun next = nextRun(h);
            h.fromStation(new HeraldingMessages.RunAck(EmbeddedHeraldingEnd.LINK, next.runId(), false));
            h.fromStation(reply(2, next.firstSlot(), HeraldOutcome.PSI_PLUS, 99));
            assertEquals(1, h.end.stats().restartedRuns());
            assertEquals(1, h.lost.size(), "herald 2 is lost here");
        }
    }

    /** The next run alice announces, the slots advanced one by one until she does (at most ten keep periods). */
    private static HeraldingMessages.GenRun nextRun(EmbeddedHeraldingEnd h) {
        for (long i = 0; i < 10 * h.keepSlots(); i++) {
            List<HeraldingMessages.GenRun> runs = h.drain(HeraldingMessages.GenRun.class);
            if (!runs.isEmpty()) {
                return runs.get(0);
            }
            h.advanceSlots(1);
        }
        throw new AssertionError("no run announced");
    }
}
