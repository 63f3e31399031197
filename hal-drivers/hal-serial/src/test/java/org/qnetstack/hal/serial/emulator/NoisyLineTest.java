package org.qnetstack.hal.serial.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The noisy line is seeded: the same seed and lines give the same bytes, and each fault does what it says. */
class NoisyLineTest {
    private static final List<String> LINES = new ArrayList<>();

    static {
        for (int i = 0; i < 400; i++) {
            LINES.add("#T " + (1 + i % 4) + "," + (1000L * i) + "*ABCD");
        }
    }

    private static byte[] send(LineNoise noise, long seed) throws IOException {
        NoisyLine line = new NoisyLine(noise, seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String l : LINES) {
            line.write(out, l, false);
        }
        return out.toByteArray();
    }

    private static List<String> lines(byte[] bytes) {
        return Arrays.asList(new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1));
    }

    @Test
    void theSameSeedGivesTheSameFaults() throws IOException {
        LineNoise all = LineNoise.NONE.withBitFlips(0.01).withDrops(0.05).withGarbage(0.05).withCrlf(0.3)
                .withFragments(0.1).withDelays(0.01, Duration.ZERO).withStalls(0.01, Duration.ZERO);
        assertArrayEquals(send(all, 5), send(all, 5));
        assertFalse(Arrays.equals(send(all, 5), send(all, 6)));
    }

    @Test
    void aCleanLineChangesNothing() throws IOException {
        assertEquals(String.join("\n", LINES) + "\n", new String(send(LineNoise.NONE.withFragments(0.2), 1),
                StandardCharsets.US_ASCII), "fragments only cut the bytes into pieces");
    }

    @Test
    void eachFaultShows() throws IOException {
        List<String> dropped = lines(send(LineNoise.NONE.withDrops(0.1), 1));
        assertTrue(dropped.size() - 1 < LINES.size() && dropped.size() - 1 > LINES.size() * 0.8, "about 10% lost");
        assertTrue(lines(send(LineNoise.NONE.withCrlf(0.5), 1)).stream().filter(l -> l.endsWith("\r")).count() > 150);
        long flipped = lines(send(LineNoise.NONE.withBitFlips(0.01), 1)).stream().filter(l -> !LINES.contains(l)).count();
        assertTrue(flipped > 20 && flipped < 200, "about 1 line in 5 has a flipped bit: " + flipped);
        assertTrue(lines(send(LineNoise.NONE.withGarbage(0.2), 1)).size() > LINES.size() + 20, "junk lines added");
    }

    @Test
    void commandsGetTheirOwnFlips() {
        NoisyLine line = new NoisyLine(LineNoise.NONE.withCommandBitFlips(0.05), 3);
        String command = "*CLS;INP4:DEL 8;INP1:DEL?;INP2:DEL?;INP3:DEL?;INP4:DEL?;SYST:ERR?";
        long changed = 0;
        for (int i = 0; i < 100; i++) {
            changed += line.receive(command).equals(command) ? 0 : 1;
        }
        assertTrue(changed > 80, "almost every 63-byte command is hit at 5% a byte: " + changed);
        assertEquals(command, new NoisyLine(LineNoise.NONE.withBitFlips(1), 3).receive(command), "only commandBitFlips");
    }

    @Test
    void probabilitiesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> LineNoise.NONE.withDrops(1.5));
        assertThrows(IllegalArgumentException.class, () -> LineNoise.NONE.withBitFlips(Double.NaN));
    }
}
