package org.qnetstack.hal.serial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.serial.CommandTimeoutException;
import org.qnetstack.hal.serial.DeviceErrorException;
import org.qnetstack.hal.serial.SerialStats;
import org.qnetstack.hal.serial.UnexpectedReplyException;

/** The command queue's resend rules, against a scripted line: no port, no threads, milliseconds. */
class CommandRunnerTest {
    private static final String OK = ";0,\"No error\"";

    /** Answers each message with the next scripted line (null: no reply in time); records what was sent. */
    private static final class ScriptedWire implements Wire {
        final Deque<@Nullable String> replies = new ArrayDeque<>();
        final Deque<Boolean> syncs = new ArrayDeque<>();
        final List<String> sent = new ArrayList<>();

        ScriptedWire reply(@Nullable String... lines) {
            for (String l : lines) {
                replies.add(l == null ? "\u0000timeout" : l);
            }
            return this;
        }

        @Override
        public @Nullable String exchange(String line) {
            sent.add(line);
            String r = replies.remove();
            return r.equals("\u0000timeout") ? null : r;
        }

        @Override
        public boolean synchronise() {
            sent.add("SYNC");
            return syncs.isEmpty() || syncs.remove();
        }
    }

    private final ScriptedWire wire = new ScriptedWire();
    private final Counters counters = new Counters("test");

    private CommandRunner runner(int retries) {
        return new CommandRunner(wire, retries, 100, "dev", counters);
    }

    private static final Request WRITE = Request.write("COIN:WIND 3000", List.of("COIN:WIND?"), List.of("3000"));

    @Test
    void aGarbledSuccessIsResentAfterGettingInStepNotRaised() throws Exception {
        wire.reply("3000;1030,\"No error\"", "3000" + OK);
        assertEquals(List.of("3000"), runner(1).run(WRITE));
        assertEquals(List.of(WRITE.wire(), "SYNC", WRITE.wire()), wire.sent);
        SerialStats s = counters.snapshot();
        assertEquals(1, s.retries());
        assertEquals(1, s.unexpectedReplies());
    }

    @Test
    void aRejectionIsBelievedWhenTwoAttemptsAgree() {
        wire.reply("-222,\"Data out of range\"", "-222,\"Data out of range\"");
        DeviceErrorException e = assertThrows(DeviceErrorException.class, () -> runner(5).run(WRITE));
        assertEquals(-222, e.code());
        assertEquals(2, wire.sent.size(), "no further resend once confirmed");
    }

    @Test
    void aRejectionCausedByTheLineGoesAwayOnResend() throws Exception {
        wire.reply("-222,\"Data out of range\"", "3000" + OK); // a flipped digit made the value out of range once
        assertEquals(List.of("3000"), runner(1).run(WRITE));
    }

    @Test
    void commandErrorsAreAlwaysResent() throws Exception {
        wire.reply("-102,\"Syntax error\"", "-102,\"Syntax error\"", "3000" + OK);
        assertEquals(List.of("3000"), runner(2).run(WRITE));
    }

    @Test
    void withoutResendsAKnownRejectionIsTheDevicesAndAnUnknownOneIsGarbled() {
        wire.reply("-102,\"Syntax error\"");
        assertEquals(-102, assertThrows(DeviceErrorException.class, () -> runner(0).run(WRITE)).code());
        wire.reply("-999,\"Hardware fault\"");
        assertThrows(UnexpectedReplyException.class, () -> runner(0).run(WRITE));
    }

    @Test
    void anUnknownEntryTwiceIsTheDevicesVerdict() {
        wire.reply("1030,\"Hardware fault\"", "1030,\"Hardware fault\"");
        assertEquals(1030, assertThrows(DeviceErrorException.class, () -> runner(3).run(WRITE)).code());
    }

    @Test
    void timeoutsAreResentAfterResynchronisingAndBounded() {
        wire.reply(null, null, null);
        CommandTimeoutException e = assertThrows(CommandTimeoutException.class, () -> runner(2).run(WRITE));
        assertEquals("COIN:WIND 3000", e.command());
        assertEquals(List.of(WRITE.wire(), "SYNC", WRITE.wire(), "SYNC", WRITE.wire()), wire.sent);
        assertEquals(3, counters.snapshot().timeouts());
        assertEquals(2, counters.snapshot().retries());
    }

    @Test
    void nothingIsSentWhileTheLineIsOutOfStep() throws Exception {
        wire.reply(null, "3000" + OK);
        wire.syncs.add(false);
        wire.syncs.add(true);
        assertEquals(List.of("3000"), runner(3).run(WRITE));
        assertEquals(List.of(WRITE.wire(), "SYNC", "SYNC", WRITE.wire()), wire.sent);
    }

    @Test
    void aWriteThatLandedOnAnotherInputIsUndone() throws Exception {
        DeviceSettings settings = new DeviceSettings(4);
        for (int ch = 0; ch < 4; ch++) {
            settings.learnedChannel(ch, List.of("0.1000", ch == 2 ? "8" : "0", "RIS"));
        }
        // INP4:DEL 8 garbled to INP1:DEL 8 on the way: input 1 now holds 8, input 4 still 0.
        wire.reply("8;0;8;0" + OK, "0;0;8;8" + OK);
        Request first = settings.write(DeviceSettings.Kind.DELAY, 3, "8", Set.of());
        runner(2).run(first, settings.repair(DeviceSettings.Kind.DELAY, 3, "8"));
        assertEquals("*CLS;INP4:DEL 8;INP1:DEL 0;INP1:DEL?;INP2:DEL?;INP3:DEL?;INP4:DEL?;SYST:ERR?", wire.sent.get(1),
                "the resend puts input 1 back to its verified value; input 3 already held 8 and is left alone");
    }

    @Test
    void aReadBackThatKeepsDifferingFailsTyped() {
        wire.reply("2000" + OK, "2000" + OK);
        UnexpectedReplyException e = assertThrows(UnexpectedReplyException.class, () -> runner(1).run(WRITE));
        assertEquals("2000" + OK, e.reply());
    }
}
