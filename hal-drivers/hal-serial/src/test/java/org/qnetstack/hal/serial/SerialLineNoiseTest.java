package org.qnetstack.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qnetstack.hal.ClickEvent;
import org.qnetstack.hal.DetectorCounters;
import org.qnetstack.hal.serial.emulator.LineNoise;
import reactor.core.Disposable;

/**
 * The driver on a noisy line (issue 15): bit flips both ways, fragments, CR LF, garbage, delays, stalls,
 * lost lines, and the connection dropped twice while streaming, all from the emulator with fixed seeds.
 * What must hold whichever line meets which fault: no wrong setting believed, no wrong counter returned,
 * no click with a shifted time tag, and every click the device sent either delivered or counted lost.
 * The device's own state, read on its front panel (not through the noisy line), is the truth.
 */
class SerialLineNoiseTest extends PtyFixture {
    private static final LineNoise NOISE = LineNoise.NONE.withBitFlips(0.005).withCommandBitFlips(0.001)
            .withFragments(0.2).withCrlf(0.5).withGarbage(0.05).withDrops(0.005)
            .withDelays(0.03, Duration.ofMillis(20)).withStalls(0.002, Duration.ofMillis(300));
    private static final String PATIENT = "timeout=250&retries=10&backoff=20&reconnect=5000&heartbeat=1500";

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void nothingWrongIsBelievedAndEveryLostClickIsCounted(long seed) throws Exception {
        device.emulator().frontPanel("INP4:DEL 42;INP3:THR -0.5"); // set on the device, not by the user
        device.emulator().faults().lineNoise(NOISE, seed);
        SerialDetectorController dc = open(PATIENT);
        assertBelievesTheDevice(dc);

        dc.setDelay(1, 300).block(WAIT);
        dc.setDelay(2, 0).block(WAIT);
        dc.setThreshold(0, 0.25).block(WAIT);
        dc.setEdge(3, Edge.FALLING).block(WAIT);
        dc.setCoincidenceWindow(2_500).block(WAIT);
        assertBelievesTheDevice(dc);
        assertEquals("300;0;0.2500;FALL;2500;42;-0.5000",
                device.emulator().frontPanel("INP2:DEL?;INP3:DEL?;INP1:THR?;INP4:EDGE?;COIN:WIND?;INP4:DEL?;INP3:THR?"),
                "the device holds what the user set, and what the user did not set is untouched");

        long[] delays = {0, 300, 0, 42};
        dc.arm().block(WAIT);
        List<ClickEvent> got = new CopyOnWriteArrayList<>();
        Disposable sub = dc.clicks().subscribe(got::add);
        Set<ClickEvent> tagged = new HashSet<>();
        for (int batch = 0; batch < 40; batch++) {
            if (batch == 12 || batch == 27) {
                dropTheConnection(dc);
            }
            List<ClickEvent> clicks = nextClicks(1 + batch % 5);
            for (ClickEvent c : clicks) {
                tagged.add(new ClickEvent(c.channel(), c.timePs() + delays[c.channel()]));
            }
            produce(clicks);
        }
        // Heartbeats carry the device's total: once one has arrived intact, every click is accounted for.
        await(() -> dc.stats().deliveredClicks() + dc.stats().droppedClicks() == sentByTheDevice(),
                "delivered + lost = sent by the device (" + dc.stats() + ", device sent " + sentByTheDevice() + ")");
        dc.disarm().block(WAIT);
        sub.dispose();
        Thread.sleep(100);
        assertEquals(sentByTheDevice(), dc.stats().deliveredClicks() + dc.stats().droppedClicks(), dc.stats().toString());
        for (int i = 0; i < got.size(); i++) {
            assertTrue(tagged.contains(got.get(i)), "a click with a wrong channel or time tag: " + got.get(i));
            assertTrue(i == 0 || got.get(i).timePs() > got.get(i - 1).timePs(), "order or duplicates at " + got.get(i));
        }
        assertEquals(got.size(), dc.stats().deliveredClicks());
        assertTrue(dc.stats().reconnects() >= 2, "both drops recovered: " + dc.stats());

        for (int i = 0; i < 80; i++) {
            DetectorCounters c = dc.counters().block(WAIT);
            assertEquals(device.emulator().frontPanel("COUN?;COUN:COIN?"), joined(c), "counters read " + i);
        }
        dc.resetCounters().block(WAIT);
        assertEquals("0,0,0,0;0", device.emulator().frontPanel("COUN?;COUN:COIN?"));
        assertBelievesTheDevice(dc);
        SerialStats s = dc.stats();
        assertTrue(s.garbageLines() > 0 && s.unexpectedReplies() > 0 && s.retries() > 0, "the noise did hit: " + s);
        System.out.println("line noise, seed " + seed + ": " + s);
    }

    /** Every setting the driver reports is the device's. */
    private void assertBelievesTheDevice(SerialDetectorController dc) {
        StringBuilder query = new StringBuilder("COIN:WIND?");
        StringBuilder believed = new StringBuilder(Long.toString(dc.coincidenceWindowPs()));
        for (int ch = 0; ch < 4; ch++) {
            String inp = "INP" + (ch + 1);
            query.append(';').append(inp).append(":THR?;").append(inp).append(":DEL?;").append(inp).append(":EDGE?");
            ChannelSettings s = dc.channelSettings(ch);
            believed.append(';').append(String.format(java.util.Locale.ROOT, "%.4f", s.thresholdVolts()))
                    .append(';').append(s.delayPs()).append(';').append(s.edge().mnemonic());
        }
        assertEquals(device.emulator().frontPanel(query.toString()), believed.toString());
    }

    private void dropTheConnection(SerialDetectorController dc) throws Exception {
        long before = dc.stats().reconnects();
        device.emulator().dropConnection();
        await(() -> !device.pluggedIn(), "the port is gone");
        device.plugIn();
        await(() -> dc.stats().reconnects() > before, "reconnection");
    }

    private long sentByTheDevice() {
        return Arrays.stream(device.emulator().frontPanel("COUN?").split(",")).mapToLong(Long::parseLong).sum();
    }

    private static String joined(DetectorCounters c) {
        List<String> parts = new ArrayList<>();
        c.clicksPerChannel().forEach(n -> parts.add(Long.toString(n)));
        return String.join(",", parts) + ";" + c.coincidences();
    }
}
