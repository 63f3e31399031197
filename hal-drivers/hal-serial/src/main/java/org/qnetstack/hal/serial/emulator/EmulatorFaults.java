package org.qnetstack.hal.serial.emulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Switches that make the emulated device misbehave the way real lines and devices do, for tests of the
 * driver. Each can be changed at any time from any thread; one-shot faults apply to the next lines sent.
 * Restarts and lost connections are actions on {@link DetectorEmulator} itself.
 */
public final class EmulatorFaults {
    private volatile boolean crlf;
    private volatile long splitPauseMs;
    private volatile int noiseEvery;
    private volatile boolean mute;
    private final AtomicInteger corruptClicks = new AtomicInteger();
    private final AtomicInteger dropClicks = new AtomicInteger();
    private final AtomicInteger garbleCommands = new AtomicInteger();
    private final AtomicReference<@Nullable String> nextReply = new AtomicReference<>();
    private final AtomicLong delayNextReplyMs = new AtomicLong();
    private volatile @Nullable NoisyLine line;

    EmulatorFaults() {
    }

    /** Ends lines with CR LF instead of LF. */
    public EmulatorFaults crlf(boolean on) {
        crlf = on;
        return this;
    }

    /** Sends every line in two pieces with this pause between them (zero: whole lines). */
    public EmulatorFaults splitLines(Duration pause) {
        splitPauseMs = pause.toMillis();
        return this;
    }

    /** Puts a burst of random bytes (line noise) in front of every n-th line sent (0: never). */
    public EmulatorFaults noiseEvery(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must be ≥ 0 (was " + lines + ")");
        }
        noiseEvery = lines;
        return this;
    }

    /** Stops answering commands (it still streams), as a device whose command parser hung. */
    public EmulatorFaults mute(boolean on) {
        mute = on;
        return this;
    }

    /** Changes a digit in each of the next n click lines after their CRC was computed. */
    public EmulatorFaults corruptNextClicks(int n) {
        corruptClicks.addAndGet(n);
        return this;
    }

    /** Leaves out the next n click lines, still counting them in the watermark, as lost lines would be. */
    public EmulatorFaults dropNextClicks(int n) {
        dropClicks.addAndGet(n);
        return this;
    }

    /**
     * Garbles each of the next n command lines received, as noise on the host's line would: a character
     * of the command becomes {@code ~}, so the device reports a command error (−1xx).
     */
    public EmulatorFaults garbleNextCommands(int n) {
        garbleCommands.addAndGet(n);
        return this;
    }

    /** Answers the next command that has a reply with this line instead. */
    public EmulatorFaults replaceNextReply(String line) {
        nextReply.set(line);
        return this;
    }

    /** Holds back the next reply this long (longer than the driver's timeout makes it time out). */
    public EmulatorFaults delayNextReply(Duration delay) {
        delayNextReplyMs.set(delay.toMillis());
        return this;
    }

    /**
     * Makes the line noisy in both directions, the faults drawn from a random sequence fixed by the seed
     * ({@link LineNoise#NONE}: a clean line again).
     */
    public EmulatorFaults lineNoise(LineNoise noise, long seed) {
        line = noise.equals(LineNoise.NONE) ? null : new NoisyLine(noise, seed);
        return this;
    }

    /** Turns every fault off. */
    public EmulatorFaults clear() {
        crlf = false;
        splitPauseMs = 0;
        noiseEvery = 0;
        mute = false;
        corruptClicks.set(0);
        dropClicks.set(0);
        garbleCommands.set(0);
        nextReply.set(null);
        delayNextReplyMs.set(0);
        line = null;
        return this;
    }

    @Nullable NoisyLine line() {
        return line;
    }

    boolean crlf() {
        return crlf;
    }

    long splitPauseMs() {
        return splitPauseMs;
    }

    int noiseEvery() {
        return noiseEvery;
    }

    boolean mute() {
        return mute;
    }

    boolean takeCorruptClick() {
        return corruptClicks.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    boolean takeDropClick() {
        return dropClicks.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    boolean takeGarbleCommand() {
        return garbleCommands.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    @Nullable String takeReplacement() {
        return nextReply.getAndSet(null);
    }

    long takeReplyDelayMs() {
        return delayNextReplyMs.getAndSet(0);
    }
}
