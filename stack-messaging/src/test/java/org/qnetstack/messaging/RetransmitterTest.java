package org.qnetstack.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.NodeSpec;
import org.qnetstack.hal.PlatformSpec;
import org.qnetstack.hal.Scheduler;
import org.qnetstack.sim.SimulatedPlatform;

/** Sending until acknowledged: when copies go out, when they stop, and when the sender gives up. */
class RetransmitterTest {
    private final SimulatedPlatform platform = new SimulatedPlatform(
            new PlatformSpec(1, List.of(NodeSpec.of("a", "nv-2022")), List.of()));
    private final Scheduler scheduler = platform.scheduler("a");
    private final List<Long> sentAt = new ArrayList<>();
    private int gaveUp;

    @AfterEach
    void close() {
        platform.close();
    }

    private void run(long nanos) {
        platform.runUntil(() -> false, nanos);
    }

    @Test
    void resendsWithDoublingWaitsCappedUntilAcknowledged() {
        Retransmitter r = new Retransmitter(scheduler, 100, 4);
        r.send("m", 1_000_000, () -> sentAt.add(platform.nanos()), () -> gaveUp++);
        run(1200);
        // at 0, then after 100, 200, 400, 400 (capped at 4·rto), …
        assertEquals(List.of(0L, 100L, 300L, 700L, 1100L), sentAt);
        assertTrue(r.acknowledge("m"));
        int copies = sentAt.size();
        run(10_000);
        assertEquals(copies, sentAt.size(), "nothing more after the acknowledgement");
        assertFalse(r.acknowledge("m"), "a repeated acknowledgement changes nothing");
        assertEquals(copies - 1, r.retransmissions());
        assertEquals(0, gaveUp);
    }

    @Test
    void anRtoComputedLaterIsAskedForOnceWhenFirstNeededAndActsAsAGivenOne() {
        int[] asked = new int[1];
        Retransmitter r = new Retransmitter(scheduler, () -> {
            asked[0]++;
            return 100;
        }, 4);
        assertEquals(0, asked[0], "not asked at construction");
        r.send("m", 1_000_000, () -> sentAt.add(platform.nanos()), () -> gaveUp++);
        run(1200);
        assertEquals(List.of(0L, 100L, 300L, 700L, 1100L), sentAt, "the same copies as with rto 100 given");
        assertEquals(100, r.rtoNanos());
        assertEquals(1, asked[0], "asked once");
    }

    @Test
    void anRtoComputedAsZeroOrLessIsRefusedWhenAskedFor() {
        Retransmitter r = new Retransmitter(scheduler, () -> 0, 4);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, r::rtoNanos);
    }

    @Test
    void givesUpAfterItsTimeAndSaysSo() {
        Retransmitter r = new Retransmitter(scheduler, 100, 1);
        r.send("m", 450, () -> sentAt.add(platform.nanos()), () -> gaveUp++);
        run(10_000);
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), sentAt);
        assertEquals(1, gaveUp);
        assertEquals(1, r.givenUp());
        assertFalse(r.isOutstanding("m"));
    }

    @Test
    void sendingUnderAKeyStillOutstandingReplacesTheMessage() {
        Retransmitter r = new Retransmitter(scheduler, 100, 1);
        List<String> sent = new ArrayList<>();
        r.send("k", 1_000_000, () -> sent.add("old"), () -> gaveUp++);
        r.send("k", 1_000_000, () -> sent.add("new"), () -> gaveUp++);
        run(250);
        assertEquals(List.of("old", "new", "new", "new"), sent);
        assertEquals(1, r.outstanding());
        r.cancelAll();
        run(1000);
        assertEquals(4, sent.size());
        assertEquals(0, gaveUp, "cancelling is not giving up");
    }

    @Test
    void cancelIfForgetsOnlyTheMatchingMessagesWithoutGivingUp() {
        Retransmitter r = new Retransmitter(scheduler, 100, 1);
        List<String> sent = new ArrayList<>();
        r.send("to-b/1", 1_000_000, () -> sent.add("b1"), () -> gaveUp++);
        r.send("to-c/1", 1_000_000, () -> sent.add("c1"), () -> gaveUp++);
        r.send("to-b/2", 1_000_000, () -> sent.add("b2"), () -> gaveUp++);
        assertEquals(2, r.cancelIf(k -> ((String) k).startsWith("to-b/")));
        sent.clear();
        run(250);
        assertEquals(List.of("c1", "c1"), sent, "only the message to c is still resent");
        assertEquals(1, r.outstanding());
        assertTrue(r.isOutstanding("to-c/1"));
        assertEquals(0, gaveUp);
    }
}
