package org.qnetstack.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.Platform;
import org.qnetstack.physical.ClassicalFaults;
import org.qnetstack.transport.DeliveryFailedException;
import org.qnetstack.transport.MessageListener;
import org.qnetstack.transport.TransportCounters;
import org.qnetstack.transport.TransportSettings;

/** Reliable, ordered, exactly-once delivery over a faulty network, give-up, and misuse. */
class ReliableChannelsTest {
    record Note(int n, String text) {
    }

    /** 20 µs hold-back against a 47 µs path: held-back copies are overtaken by several later ones. */
    static final ClassicalFaults FIVE_PERCENT = ClassicalFaults.uniform(0.05, 20_000);

    /** What one run under faults produced: bob's arrivals as "time:n", alice's, and the counters. */
    record Run(List<String> bobTrace, List<Integer> bobGot, List<Integer> aliceGot, TransportCounters bob,
            TransportCounters alice, long dropped, long duplicated, long reordered, Platform.RunOutcome outcome,
            int pending) {
    }

    static Run run(long seed, int toBob, int toAlice) {
        try (World w = new World(seed, FIVE_PERCENT, TransportSettings.DEFAULT)) {
            List<String> trace = new ArrayList<>();
            List<Integer> bobGot = new ArrayList<>();
            List<Integer> aliceGot = new ArrayList<>();
            w.bob().listen(1, (from, m) -> {
                trace.add(w.platform.nanos() + ":" + ((Note) m).n());
                bobGot.add(((Note) m).n());
            });
            w.alice().listen(2, (from, m) -> aliceGot.add((Integer) m));
            for (int i = 0; i < toBob; i++) {
                int n = i;
                w.platform.scheduler(World.ALICE).schedule(i * 1_000L, () -> w.alice().send(World.BOB, 1, new Note(n, "#" + n)));
            }
            for (int i = 0; i < toAlice; i++) {
                int n = i;
                w.platform.scheduler(World.BOB).schedule(i * 3_000L, () -> w.bob().send(World.ALICE, 2, n));
            }
            Platform.RunOutcome outcome = w.runToIdle();
            return new Run(trace, bobGot, aliceGot, w.bob().counters(), w.alice().counters(), w.wire.dropped(),
                    w.wire.duplicated(), w.wire.reordered(), outcome, w.alice().pending() + w.bob().pending());
        }
    }

    @Test
    void everyMessageArrivesOnceInOrderUnderFivePercentDropDuplicateAndReorder() {
        Run r = run(7, 2000, 500);
        assertEquals(IntStream.range(0, 2000).boxed().toList(), r.bobGot(), "all 2000, in order, once");
        assertEquals(IntStream.range(0, 500).boxed().toList(), r.aliceGot(), "and the other way at the same time");
        // The faults did happen: about 5% of ~5000 frames (data and acknowledgements) each way.
        assertTrue(r.dropped() > 100 && r.duplicated() > 100 && r.reordered() > 100,
                "dropped " + r.dropped() + ", duplicated " + r.duplicated() + ", reordered " + r.reordered());
        assertTrue(r.alice().retransmitted() > 50, "lost frames were sent again: " + r.alice().retransmitted());
        assertTrue(r.bob().replayed() > 50, "duplicates were dropped: " + r.bob().replayed());
        assertEquals(2000, r.bob().delivered());
        assertEquals(2000, r.alice().sent());
        assertEquals(0, r.bob().rejected() + r.alice().rejected(), "an honest, faulty network forges nothing");
        assertEquals(0, r.alice().streamsFailed());
        assertEquals(Platform.RunOutcome.IDLE, r.outcome(), "no timer left once everything is acknowledged");
        assertEquals(0, r.pending());
    }

    @Test
    void theSameSeedGivesTheSameDeliveryTraceAndAnotherSeedAnother() {
        Run a = run(11, 300, 0);
        Run b = run(11, 300, 0);
        assertEquals(a.bobTrace(), b.bobTrace());
        assertEquals(a.bob(), b.bob());
        assertEquals(a.alice(), b.alice());
        assertNotEquals(a.bobTrace(), run(12, 300, 0).bobTrace());
    }

    @Test
    void withoutFaultsMessagesArriveAfterThePathDelayWithNoRetransmission() {
        try (World w = new World()) {
            List<Long> at = new ArrayList<>();
            w.bob().listen(1, (from, m) -> at.add(w.platform.nanos()));
            for (int i = 0; i < 200; i++) {
                w.alice().send(World.BOB, 1, i);
            }
            w.runToIdle();
            long delay = w.network.delayNanos(World.ALICE, World.BOB);
            assertEquals(200, at.size());
            assertEquals(delay, at.get(0), "the first window goes at once");
            TransportCounters c = w.alice().counters();
            assertEquals(0, c.retransmitted(), "the first wait (3 path delays) exceeds the round trip");
            // 200 messages through a window of 64: the last waits for three round trips of acknowledgements.
            assertEquals(delay + 3 * 2 * delay, at.get(199), 10);
        }
    }

    @Test
    void anUnreachablePeerMakesTheStreamFailWithATypedErrorAndFreesIt() {
        TransportSettings settings = TransportSettings.DEFAULT.withWindow(2).withGiveUpNanos(1_000_000);
        try (World w = new World(1, ClassicalFaults.NONE, settings)) {
            w.bob().close(); // bob is down: nothing reaches a transport there
            List<DeliveryFailedException> failures = new ArrayList<>();
            w.alice().listen(4, new MessageListener() {
                @Override
                public void onMessage(String from, Object message) {
                }

                @Override
                public void onDeliveryFailure(DeliveryFailedException failure) {
                    failures.add(failure);
                }
            });
            for (int i = 0; i < 5; i++) {
                w.alice().send(World.BOB, 4, "m" + i);
            }
            assertEquals(Platform.RunOutcome.IDLE, w.runToIdle(), "every timer ends with the give-up");
            assertEquals(1, failures.size(), "one failure per stream");
            DeliveryFailedException f = failures.get(0);
            assertEquals(World.BOB, f.remoteNode());
            assertEquals(4, f.channel());
            assertEquals(0, f.firstUnconfirmed());
            assertEquals(5, f.unconfirmed(), "two in flight, three queued");
            assertTrue(f.getMessage().contains("bob is up and reachable"), f.getMessage());
            // The give-up came after 1 ms plus at most one capped wait of 64 × rto.
            long rto = 3 * w.network.delayNanos(World.ALICE, World.BOB);
            assertTrue(w.platform.nanos() >= 1_000_000 && w.platform.nanos() <= 1_000_000 + 64 * rto,
                    "gave up at " + w.platform.nanos());
            TransportCounters c = w.alice().counters();
            assertEquals(1, c.streamsFailed());
            assertEquals(5, c.unconfirmed());
            assertEquals(0, w.alice().pending(), "the stream's messages and timers are freed");

            // Bob comes back: the next message opens a new stream, which he takes from its start.
            ReliableChannels bob = new ReliableChannels(World.BOB, w.network, w.platform.scheduler(World.BOB),
                    w.keys, settings);
            w.nodes.put(World.BOB, bob);
            List<Object> got = w.collect(bob, 4);
            w.alice().send(World.BOB, 4, "again");
            w.runToIdle();
            assertEquals(List.of("again"), got);
            assertEquals(1, failures.size());
        }
    }

    @Test
    void aReceiverDropsWhatItBufferedOfAStreamTheSenderGaveUp() {
        TransportSettings settings = TransportSettings.DEFAULT.withGiveUpNanos(1_000_000);
        try (World w = new World(1, ClassicalFaults.NONE, settings)) {
            List<Object> got = w.collect(w.bob(), 1);
            // Message 0 never gets through; 1 and 2 wait in bob's buffer behind it until alice gives up.
            w.intercept(e -> e.payload() instanceof DataFrame d && d.epoch() == 1 && d.sequence() == 0 ? null : e);
            w.alice().send(World.BOB, 1, "lost");
            w.alice().send(World.BOB, 1, "stuck-1");
            w.alice().send(World.BOB, 1, "stuck-2");
            w.runToIdle();
            assertEquals(List.of(), got);
            assertEquals(1, w.alice().counters().streamsFailed());
            w.alice().send(World.BOB, 1, "fresh");
            w.runToIdle();
            assertEquals(List.of("fresh"), got, "the new stream starts at its own 0; the old one's rest is gone");
        }
    }

    @Test
    void messagesForAChannelNobodyListensOnWaitForAListenerWithinABound() {
        TransportSettings settings = new TransportSettings(64, 0, 64, 10_000_000_000L, 1000, 3);
        try (World w = new World(1, ClassicalFaults.NONE, settings)) {
            for (int i = 0; i < 5; i++) {
                w.alice().send(World.BOB, 9, i);
            }
            w.runToIdle();
            assertEquals(3, w.bob().counters().unlistened());
            assertEquals(2, w.bob().counters().unlistenedDropped());
            assertEquals(List.of(0, 1, 2), w.collect(w.bob(), 9), "handed over when someone listens");
            assertEquals(3, w.bob().counters().delivered());
        }
    }

    @Test
    void misuseIsRefusedWithWhatToDo() {
        TransportSettings settings = new TransportSettings(1, 0, 64, 10_000_000_000L, 2, 10);
        try (World w = new World(1, ClassicalFaults.NONE, settings)) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> w.alice().send(World.ALICE, 1, "x"))
                    .getMessage().contains("itself"));
            IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                    () -> w.alice().send(World.BOB, 1, List.of(1, new Object())));
            assertTrue(type.getMessage().contains("message[1] is a java.lang.Object"), type.getMessage());
            ReliableChannels keyless = new ReliableChannels(World.MALLORY, w.network,
                    w.platform.scheduler(World.MALLORY), org.qnetstack.transport.PreSharedKeys.none(), settings);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> keyless.send(World.BOB, 1, "x"))
                    .getMessage().contains("no pre-shared key for mallory and bob"));
            w.alice().send(World.BOB, 1, "in flight");
            w.alice().send(World.BOB, 1, "queued 1");
            w.alice().send(World.BOB, 1, "queued 2");
            IllegalStateException full = assertThrows(IllegalStateException.class,
                    () -> w.alice().send(World.BOB, 1, "one too many"));
            assertTrue(full.getMessage().contains("queueLimit"), full.getMessage());
            assertEquals(3, w.alice().counters().sent(), "the refused one is not counted as sent");
            List<Object> got = w.collect(w.bob(), 1);
            w.runToIdle();
            assertEquals(List.of("in flight", "queued 1", "queued 2"), got);
            w.alice().close();
            assertThrows(IllegalStateException.class, () -> w.alice().send(World.BOB, 1, "after close"));
        }
    }
}
