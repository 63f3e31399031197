package org.qnetstack.hal.serial.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Applies {@link LineNoise} to the lines the emulator sends and the commands it receives, with one seeded
 * random sequence per direction. Called under the emulator's lock, so its pauses hold the line as a slow
 * or stalled line would.
 */
final class NoisyLine {
    private final LineNoise noise;
    private final SplittableRandom out;
    private final SplittableRandom in;

    NoisyLine(LineNoise noise, long seed) {
        this.noise = noise;
        SplittableRandom root = new SplittableRandom(seed);
        this.out = root.split();
        this.in = root.split();
    }

    /** Writes one line (without its end) with the faults that fall on it. */
    void write(OutputStream to, String line, boolean crlf) throws IOException {
        if (chance(out, noise.drops())) {
            return;
        }
        if (chance(out, noise.delays())) {
            to.flush();
            pause(out.nextLong(noise.maxDelay().toMillis() + 1));
        }
        if (chance(out, noise.garbage())) {
            to.write(out.nextBoolean() ? DetectorEmulator.noiseBurst(out) : junkLine());
        }
        byte[] text = line.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < text.length; i++) {
            if (chance(out, noise.bitFlips())) {
                text[i] ^= (byte) (1 << out.nextInt(8));
            }
        }
        byte[] end = (crlf || chance(out, noise.crlf()) ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[text.length + end.length];
        System.arraycopy(text, 0, bytes, 0, text.length);
        System.arraycopy(end, 0, bytes, text.length, end.length);
        if (chance(out, noise.stalls())) {
            writeInPieces(to, bytes, 2, noise.stall().toMillis());
        } else if (chance(out, noise.fragments())) {
            writeInPieces(to, bytes, 2 + out.nextInt(2), 1 + out.nextInt(5));
        } else {
            to.write(bytes);
        }
    }

    /** A command line as the device receives it: bits flipped on the way (the result may be unreadable). */
    String receive(String command) {
        if (noise.commandBitFlips() == 0) {
            return command;
        }
        char[] c = command.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (chance(in, noise.commandBitFlips())) {
                c[i] = (char) ((c[i] ^ (1 << in.nextInt(8))) & 0xFF);
            }
        }
        return new String(c);
    }

    private void writeInPieces(OutputStream to, byte[] bytes, int pieces, long pauseMs) throws IOException {
        int from = 0;
        for (int p = 1; p <= pieces; p++) {
            int until = p == pieces ? bytes.length : Math.max(from, Math.min(bytes.length, from + out.nextInt(bytes.length)));
            to.write(bytes, from, until - from);
            from = until;
            if (p < pieces) {
                to.flush();
                pause(pauseMs);
            }
        }
    }

    /** A line of printable junk: noise that happens to look like text, even like a reply. */
    private byte[] junkLine() {
        byte[] b = new byte[2 + out.nextInt(12)];
        for (int i = 0; i < b.length - 1; i++) {
            b[i] = (byte) (0x20 + out.nextInt(0x5F));
        }
        b[b.length - 1] = '\n';
        return b;
    }

    private static boolean chance(SplittableRandom r, double p) {
        return p > 0 && r.nextDouble() < p;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
