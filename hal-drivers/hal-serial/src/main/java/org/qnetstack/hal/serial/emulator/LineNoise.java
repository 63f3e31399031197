package org.qnetstack.hal.serial.emulator;

import java.time.Duration;

/**
 * How noisy the emulated serial line is: the faults a real line shows, each with a probability, drawn
 * from a random sequence fixed by a seed ({@link EmulatorFaults#lineNoise}). The same seed and the same
 * sequence of lines give the same faults; which line of a run meets which fault still depends on how
 * commands, clicks and heartbeats interleave in time, so tests built on it assert what must hold for every
 * interleaving (nothing wrong believed, every loss counted), not a particular trace.
 *
 * <p>Towards the host, per line: {@code drops} (the line is lost), {@code delays} (a pause of up to
 * {@code maxDelay} before it), {@code garbage} (a burst of non-printable bytes glued to it, or a line of
 * printable junk before it), {@code bitFlips} (per byte: one bit of it flipped; a flip may even make a line
 * end), {@code crlf} (CR LF instead of LF), {@code stalls} (the line stops half-way for {@code stall}, longer
 * than the host's timeout makes it an unfinished line), {@code fragments} (the line in two or three pieces a
 * few ms apart). Towards the device: {@code commandBitFlips} per byte of each command line.
 */
public record LineNoise(double bitFlips, double commandBitFlips, double fragments, double crlf, double garbage,
                        double drops, double delays, Duration maxDelay, double stalls, Duration stall) {
    /** A clean line; build a noisy one from it, e.g. {@code LineNoise.NONE.withBitFlips(1e-3).withDrops(0.01)}. */
    public static final LineNoise NONE = new LineNoise(0, 0, 0, 0, 0, 0, 0, Duration.ZERO, 0, Duration.ZERO);

    public LineNoise {
        for (double p : new double[] {bitFlips, commandBitFlips, fragments, crlf, garbage, drops, delays, stalls}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities must be in [0, 1] (was " + p + ")");
            }
        }
        if (maxDelay.isNegative() || stall.isNegative()) {
            throw new IllegalArgumentException("durations must be ≥ 0 (were " + maxDelay + ", " + stall + ")");
        }
    }

    public LineNoise withBitFlips(double perByte) {
        return new LineNoise(perByte, commandBitFlips, fragments, crlf, garbage, drops, delays, maxDelay, stalls, stall);
    }

    public LineNoise withCommandBitFlips(double perByte) {
        return new LineNoise(bitFlips, perByte, fragments, crlf, garbage, drops, delays, maxDelay, stalls, stall);
    }

    public LineNoise withFragments(double perLine) {
        return new LineNoise(bitFlips, commandBitFlips, perLine, crlf, garbage, drops, delays, maxDelay, stalls, stall);
    }

    public LineNoise withCrlf(double perLine) {
        return new LineNoise(bitFlips, commandBitFlips, fragments, perLine, garbage, drops, delays, maxDelay, stalls, stall);
    }

    public LineNoise withGarbage(double perLine) {
        return new LineNoise(bitFlips, commandBitFlips, fragments, crlf, perLine, drops, delays, maxDelay, stalls, stall);
    }

    public LineNoise withDrops(double perLine) {
        return new LineNoise(bitFlips, commandBitFlips, fragments, crlf, garbage, perLine, delays, maxDelay, stalls, stall);
    }

    public LineNoise withDelays(double perLine, Duration upTo) {
        return new LineNoise(bitFlips, commandBitFlips, fragments, crlf, garbage, drops, perLine, upTo, stalls, stall);
    }

    public LineNoise withStalls(double perLine, Duration length) {
        return new LineNoise(bitFlips, commandBitFlips, fragments, crlf, garbage, drops, delays, maxDelay, perLine, length);
    }
}
