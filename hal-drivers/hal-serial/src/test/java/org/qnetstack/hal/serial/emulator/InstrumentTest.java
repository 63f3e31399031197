package org.qnetstack.hal.serial.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.serial.internal.StreamLine;

class InstrumentTest {
    private final Instrument device = new Instrument(4, "EMU000001");

    private String reply(String line) {
        List<String> out = device.execute(line);
        return out.isEmpty() ? "" : out.get(out.size() - 1);
    }

    private String error() {
        return reply("SYST:ERR?");
    }

    @Test
    void identifiesItself() {
        assertEquals("qnetstack,DCE-4 emulated detector controller,EMU000001,1.0", reply("*IDN?"));
        assertEquals("4", reply("SYST:CHAN?"));
        assertEquals("1", reply("*OPC?"));
    }

    @Test
    void keywordsHaveShortAndLongFormsInAnyCase() {
        device.execute("INPut2:THReshold 0.25");
        assertEquals("0.2500", reply("inp2:thr?"));
        device.execute(":coincidence:window 2500");
        assertEquals("2500", reply("COIN:WIND?"));
        assertEquals("0,\"No error\"", reply("SYSTem:ERRor:NEXT?"));
    }

    @Test
    void joinsRepliesOfOneLineWithSemicolons() {
        assertEquals("0.1000;0;RIS;0,\"No error\"", reply("*CLS;INP1:THR?;INP1:DEL?;INP1:EDGE?;SYST:ERR?"));
    }

    @Test
    void settingsAnswerNothing() {
        assertTrue(device.execute("INP1:DEL 300").isEmpty());
    }

    @Test
    void errorsGoToTheQueueAndLaterUnitsStillRun() {
        assertEquals("-222,\"Data out of range\"", reply("INP1:THR 5;SYST:ERR?"));
        assertEquals("-113,\"Undefined header\"", reply("FOO:BAR 1;SYST:ERR?"));
        assertEquals("-114,\"Header suffix out of range\"", reply("INP5:DEL 1;SYST:ERR?"));
        assertEquals("-109,\"Missing parameter\"", reply("COIN:WIND;SYST:ERR?"));
        assertEquals("-104,\"Data type error\"", reply("COIN:WIND abc;SYST:ERR?"));
        assertEquals("-108,\"Parameter not allowed\"", reply("ACQ:STAR 1;SYST:ERR?"));
        assertEquals("-224,\"Illegal parameter value\"", reply("INP1:EDGE UP;SYST:ERR?"));
        assertEquals("-222,\"Data out of range\"", reply("COIN:WIND 0;SYST:ERR?"));
        assertEquals("0,\"No error\"", error());
    }

    @Test
    void theQueueIsFirstInFirstOutAndBounded() {
        for (int i = 0; i < 20; i++) {
            device.execute("NOPE");
        }
        for (int i = 0; i < 15; i++) {
            assertEquals("-113,\"Undefined header\"", error());
        }
        assertEquals("-350,\"Queue overflow\"", error());
        assertEquals("0,\"No error\"", error());
    }

    @Test
    void clsEmptiesTheQueueAndRstKeepsIt() {
        device.execute("NOPE;*RST");
        assertEquals("-113,\"Undefined header\"", error());
        device.execute("NOPE;*CLS");
        assertEquals("0,\"No error\"", error());
    }

    @Test
    void syncEchoesItsToken() {
        assertEquals("Q42", reply("SYST:SYNC? Q42"));
        assertEquals("-224,\"Illegal parameter value\"", reply("SYST:SYNC? a-b;SYST:ERR?"));
    }

    @Test
    void unreadableLinesAreInvalidCharacters() {
        device.unreadable();
        assertEquals("-101,\"Invalid character\"", error());
    }

    @Test
    void streamsTaggedClicksInOrderWithDelaysThenAWatermark() {
        device.execute("INP2:DEL 300;ACQ:STAR");
        List<String> lines = device.acquire(new ClickSource.Batch(
                List.of(new ClickEvent(1, 1_000), new ClickEvent(0, 1_100), new ClickEvent(1, 1_900)), 2_000));
        // channel 1's click at 1900 + 300 = 2200 is not before the watermark: it waits for the next batch
        assertEquals(List.of(StreamLine.click(1, 1_100), StreamLine.click(2, 1_300), StreamLine.watermark(2_000, 2, 2)), lines);
        assertEquals(List.of(StreamLine.click(2, 2_200), StreamLine.watermark(3_000, 1, 3)),
                device.acquire(new ClickSource.Batch(List.of(), 3_000)));
    }

    @Test
    void disarmedItThrowsClicksAwayButTimeMovesOn() {
        assertEquals(List.of(), device.acquire(new ClickSource.Batch(List.of(new ClickEvent(0, 5)), 10)));
        assertEquals(List.of(StreamLine.watermark(10, 0, 0)), device.execute("ACQ:STAR"));
        assertEquals(List.of(StreamLine.watermark(10, 0, 0)), device.heartbeat());
        device.execute("ACQ:STOP");
        assertEquals(List.of(), device.heartbeat());
        assertEquals("0,0,0,0", reply("COUN?"));
    }

    @Test
    void countsClicksAndPairsCoincidencesGreedily() {
        device.execute("COIN:WIND 100;ACQ:STAR");
        device.acquire(new ClickSource.Batch(List.of(
                new ClickEvent(0, 1_000), new ClickEvent(1, 1_050),   // a pair
                new ClickEvent(1, 1_080),                             // after the pair: alone
                new ClickEvent(2, 5_000), new ClickEvent(2, 5_010),   // same channel: no pair
                new ClickEvent(3, 9_000), new ClickEvent(0, 9_101)),  // 101 ps apart: outside the window
                10_000));
        assertEquals("2,2,2,1;1", reply("COUN?;COUN:COIN?"));
        device.execute("COUN:RES");
        assertEquals("0,0,0,0;0", reply("COUN?;COUN:COIN?"));
    }

    @Test
    void powerCycleRestoresDefaultsAndAnnouncesItself() {
        device.execute("INP1:THR 1.5;COIN:WIND 7;ACQ:STAR;NOPE");
        assertEquals(List.of(StreamLine.restart(device.identity())), device.powerCycle());
        assertEquals("0.1000", reply("INP1:THR?"));
        assertEquals("1000;0;0,\"No error\"", reply("COIN:WIND?;ACQ:STAT?;SYST:ERR?"));
    }
}
