package org.qnetstack.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.physical.ClassicalFaults;
import org.qnetstack.messaging.Envelope;
import org.qnetstack.transport.TransportCounters;
import org.qnetstack.transport.TransportSettings;

/**
 * Tampered, replayed and forged frames and acknowledgements: each is counted under its reason, never
 * delivered nor acknowledged, and the honest traffic around it still arrives in order, exactly once.
 */
class AuthenticationTest {
    private final World w = new World();
    private final List<Object> got = w.collect(w.bob(), 1);

    @org.junit.jupiter.api.AfterEach
    void close() {
        w.close();
    }

    private static DataFrame withPayload(DataFrame f, byte[] payload) {
        return new DataFrame(f.channel(), f.epoch(), f.sequence(), payload, f.headerTag(), f.tag());
    }

    private void sendThree() {
        w.alice().send(World.BOB, 1, "zero");
        w.alice().send(World.BOB, 1, "one");
        w.alice().send(World.BOB, 1, "two");
    }

    @Test
    void aPayloadAlteredOnTheWayIsRejectedAsTamperedAndTheRetransmissionGetsThrough() {
        boolean[] done = {false};
        w.intercept(e -> {
            if (!done[0] && e.payload() instanceof DataFrame d && d.sequence() == 1) {
                done[0] = true;
                byte[] altered = d.payload();
                altered = altered.clone();
                altered[altered.length - 1] ^= 1; // "one" becomes "onD"
                return new Envelope(e.from(), e.to(), e.protocol(), withPayload(d, altered));
            }
            return e;
        });
        sendThree();
        w.runToIdle();
        assertEquals(List.of("zero", "one", "two"), got, "never the altered payload; the real one, in order");
        TransportCounters c = w.bob().counters();
        assertEquals(1, c.tampered());
        assertEquals(0, c.forged() + c.malformed());
        assertEquals(1, w.alice().counters().retransmitted(), "the tampered copy was not acknowledged");
    }

    @Test
    void aCapturedFrameReplayedLaterIsRejectedAndNotDeliveredAgain() {
        List<DataFrame> captured = new ArrayList<>();
        w.intercept(e -> {
            if (e.payload() instanceof DataFrame d) {
                captured.add(d);
            }
            return e;
        });
        sendThree();
        w.runToIdle();
        assertEquals(3, got.size());
        // Mallory replays alice's first frame, and then all of them, to bob.
        w.inject(World.ALICE, World.BOB, captured.get(0));
        w.runToIdle();
        captured.forEach(f -> w.inject(World.ALICE, World.BOB, f));
        w.runToIdle();
        assertEquals(List.of("zero", "one", "two"), got, "delivered once");
        TransportCounters c = w.bob().counters();
        assertEquals(4, c.replayed());
        assertEquals(3, c.delivered());
        assertEquals(0, c.rejected(), "replays carry genuine tags");
    }

    @Test
    void aFrameOfAnEarlierStreamReplayedIntoANewOneIsRejected() {
        // Alice's first stream fails (bob never acknowledges message 1), and a new one starts.
        w.close();
        TransportSettings settings = TransportSettings.DEFAULT.withGiveUpNanos(1_000_000);
        try (World v = new World(1, ClassicalFaults.NONE, settings)) {
            List<Object> bobGot = v.collect(v.bob(), 1);
            List<DataFrame> captured = new ArrayList<>();
            v.intercept(e -> {
                if (e.payload() instanceof DataFrame d) {
                    captured.add(d);
                    return d.epoch() == 1 && d.sequence() == 1 ? null : e;
                }
                return e;
            });
            v.alice().send(World.BOB, 1, "old-0");
            v.alice().send(World.BOB, 1, "old-1");
            v.runToIdle();
            v.alice().send(World.BOB, 1, "new-0");
            v.runToIdle();
            assertEquals(List.of("old-0", "new-0"), bobGot);
            long before = v.bob().counters().replayed();
            v.inject(World.ALICE, World.BOB, captured.get(0)); // old-0: epoch 1, number 0
            v.runToIdle();
            assertEquals(List.of("old-0", "new-0"), bobGot, "an old stream's frame does not restart it");
            assertEquals(before + 1, v.bob().counters().replayed());
        }
    }

    @Test
    void framesNotMadeWithThePairsKeyAreRejectedAsForgedAndBobKeepsServingAlice() {
        FrameAuthenticator mallorysKey = w.authenticator(World.MALLORY, World.BOB);
        byte[] payload = MessageCodec.encode("pay mallory");
        // 1. Mallory, who shares a key with bob, claims to be alice and tags with her own key.
        w.inject(World.ALICE, World.BOB, new DataFrame(1, 1, 0, payload,
                mallorysKey.headerTag(World.ALICE, World.BOB, 1, 1, 0),
                mallorysKey.dataTag(World.ALICE, World.BOB, 1, 1, 0, payload)));
        // 2. A frame from a place bob shares no key with (a station is on the network, but keyless).
        w.inject("alice-bob-station", World.BOB, new DataFrame(1, 1, 0, payload, new byte[32], new byte[32]));
        // 3. Her own frame under her own name, redirected: tagged for mallory→alice, delivered to bob.
        FrameAuthenticator malloryAlice = w.authenticator(World.MALLORY, World.ALICE);
        w.inject(World.MALLORY, World.BOB, new DataFrame(1, 1, 0, payload,
                malloryAlice.headerTag(World.MALLORY, World.ALICE, 1, 1, 0),
                malloryAlice.dataTag(World.MALLORY, World.ALICE, 1, 1, 0, payload)));
        List<DataFrame> genuine = new ArrayList<>();
        w.intercept(e -> {
            if (e.payload() instanceof DataFrame d) {
                genuine.add(d);
            }
            return e;
        });
        sendThree();
        w.runToIdle();
        // 4. She takes a genuine alice→bob frame's tags and changes its number.
        DataFrame g = genuine.get(0);
        w.inject(World.ALICE, World.BOB, new DataFrame(g.channel(), g.epoch(), 3, g.payload(), g.headerTag(), g.tag()));
        w.runToIdle();
        assertEquals(List.of("zero", "one", "two"), got);
        TransportCounters c = w.bob().counters();
        assertEquals(4, c.forged());
        assertEquals(0, c.tampered() + c.malformed() + c.replayed());
        assertEquals(0, w.wire.undeliverable(), "no acknowledgement went to anyone for a forged frame");
    }

    @Test
    void aForgedAcknowledgementDoesNotMakeTheSenderForgetAnUnacknowledgedMessage() {
        // The first copy of alice's message is lost; mallory then acknowledges it in bob's name.
        boolean[] lost = {false};
        w.intercept(e -> {
            if (!lost[0] && e.payload() instanceof DataFrame) {
                lost[0] = true;
                return null;
            }
            return e;
        });
        w.alice().send(World.BOB, 1, "must arrive");
        FrameAuthenticator mallorysKey = w.authenticator(World.MALLORY, World.ALICE);
        w.inject(World.BOB, World.ALICE, new AckFrame(1, 1, 1, 0, new byte[32]));
        w.inject(World.BOB, World.ALICE, new AckFrame(1, 1, 1, 0, mallorysKey.ackTag(World.BOB, World.ALICE, 1, 1, 1, 0)));
        // Even bob's own genuine acknowledgement for another channel cannot stand in for this one.
        FrameAuthenticator pairKey = w.authenticator(World.ALICE, World.BOB);
        w.inject(World.BOB, World.ALICE, new AckFrame(2, 1, 1, 0, pairKey.ackTag(World.BOB, World.ALICE, 2, 1, 1, 0)));
        w.runToIdle();
        assertEquals(List.of("must arrive"), got, "the message was sent again and arrived");
        assertEquals(2, w.alice().counters().forged());
        assertEquals(1, w.alice().counters().retransmitted());
        assertEquals(0, w.alice().pending());
    }

    @Test
    void malformedFramesAreCountedAndTheStreamGoesOn() {
        FrameAuthenticator pairKey = w.authenticator(World.ALICE, World.BOB);
        w.inject(World.ALICE, World.BOB, "not a frame");
        w.inject(World.ALICE, World.BOB, new DataFrame(1, 1, 0, new byte[1], new byte[5], new byte[32]));
        w.inject(World.ALICE, World.BOB, new DataFrame(1, 0, 0, new byte[1], new byte[32], new byte[32]));
        w.inject(World.BOB, World.ALICE, new AckFrame(1, 1, -1, 0, new byte[32]));
        w.runToIdle();
        assertEquals(3, w.bob().counters().malformed());
        assertEquals(1, w.alice().counters().malformed());
        assertEquals(0, w.bob().counters().forged(), "malformed frames are not even checked");

        // A key holder's frame that is authentic but does not decode (a class bob lacks, say) is skipped.
        byte[] garbage = {(byte) 99, 1, 2};
        w.inject(World.ALICE, World.BOB, new DataFrame(1, 500, 0, garbage,
                pairKey.headerTag(World.ALICE, World.BOB, 1, 500, 0),
                pairKey.dataTag(World.ALICE, World.BOB, 1, 500, 0, garbage)));
        // One beyond the receiver's window of 64.
        byte[] far = MessageCodec.encode("far");
        w.inject(World.ALICE, World.BOB, new DataFrame(1, 500, 70, far,
                pairKey.headerTag(World.ALICE, World.BOB, 1, 500, 70),
                pairKey.dataTag(World.ALICE, World.BOB, 1, 500, 70, far)));
        w.runToIdle();
        assertEquals(5, w.bob().counters().malformed());
        assertEquals(List.of(), got);
        byte[] next = MessageCodec.encode("next");
        w.inject(World.ALICE, World.BOB, new DataFrame(1, 500, 1, next,
                pairKey.headerTag(World.ALICE, World.BOB, 1, 500, 1),
                pairKey.dataTag(World.ALICE, World.BOB, 1, 500, 1, next)));
        w.runToIdle();
        assertEquals(List.of("next"), got, "the undecodable message used up its number; the stream went on");
    }
}
