package org.qnetstack.hal.serial.internal;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.log.RateLimitedLog;
import org.qnetstack.hal.serial.DeviceUnavailableException;
import org.qnetstack.hal.serial.UnexpectedReplyException;
import org.qnetstack.hal.serial.internal.Counters.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session with the device: opening it and learning it, recovering it (reopen with backoff, learn its
 * state again, restore the user's choices, re-arm), and the verified procedures the commands are made of.
 * Confined to the worker, except the fields readers see through {@link SerialDevice}.
 *
 * <p>Recovery rules: the device is disarmed first, so that no click is tagged with settings not yet
 * restored; then every setting is read again (each read twice, in agreement); then only the user's choices
 * that the device no longer holds are written, each read back; a setting the user never changed is learned,
 * never written. Acquisition is restarted last if the driver was armed. Clicks lost meanwhile are counted by
 * the next watermark's total.
 */
final class DeviceSession {
    private static final Logger LOG = LoggerFactory.getLogger(SerialDevice.class);
    private static final Request IDENTIFY = Request.read("ACQ:STOP", List.of("*IDN?", "SYST:CHAN?"));

    private final URI uri;
    /** A device that keeps dropping off is recovered again and again: a few lines a minute, not one each. */
    private final RateLimitedLog recoveries = RateLimitedLog.warnings(LOG);
    private final SerialOptions options;
    private final DeviceLine line;
    private final ClickStream stream;
    private final Counters counters;
    private final CommandRunner runner;

    // Written by the worker, read by anyone.
    private volatile String identity = "";
    private volatile DeviceSettings settings = new DeviceSettings(0);
    private volatile boolean armed;
    private volatile @Nullable DeviceUnavailableException failure;

    DeviceSession(URI uri, SerialOptions options, DeviceLine line, ClickStream stream, Counters counters) {
        this.uri = uri;
        this.options = options;
        this.line = line;
        this.stream = stream;
        this.counters = counters;
        this.runner = new CommandRunner(line, options.retries(), options.timeout().toMillis(), uri.toString(), counters);
    }

    String identity() {
        return identity;
    }

    DeviceSettings settings() {
        return settings;
    }

    boolean armed() {
        return armed;
    }

    @Nullable DeviceUnavailableException failure() {
        return failure;
    }

    CommandRunner runner() {
        return runner;
    }

    // ---- procedures -------------------------------------------------------------------------------

    /** Starts or stops acquisition, read back. */
    void acquire(boolean on) throws LinkLost {
        runner.run(Request.write(on ? "ACQ:STAR" : "ACQ:STOP", List.of("ACQ:STAT?"), List.of(on ? "1" : "0")));
        armed = on;
        if (on) {
            stream.expectWatermarks();
        }
    }

    /** Writes one input's setting and reads it back on every input. */
    void write(DeviceSettings.Kind kind, int channel, String value, boolean byUser) throws LinkLost {
        DeviceSettings s = settings;
        runner.run(s.write(kind, channel, value, Set.of()), s.repair(kind, channel, value));
        s.written(kind, channel, value, byUser);
    }

    void writeWindow(long ps, boolean byUser) throws LinkLost {
        runner.run(DeviceSettings.writeWindow(ps));
        settings.windowWritten(ps, byUser);
    }

    /** {@code *RST}: the device's defaults, disarmed; its settings are learned again and no choice is kept. */
    void reset() throws LinkLost {
        runner.run(Request.write("*RST", List.of("ACQ:STAT?"), List.of("0")));
        armed = false;
        settings.forgetChoices();
        readSettings();
    }

    /** Reads the window and every input's settings, one input a line so that lines stay short. */
    void readSettings() throws LinkLost {
        DeviceSettings s = settings;
        Request window = DeviceSettings.readWindow();
        read(window, w -> {
            s.learnedWindow(w);
            return null;
        });
        for (int ch = 0; ch < s.channels(); ch++) {
            int channel = ch;
            read(DeviceSettings.readChannel(ch), answers -> {
                s.learnedChannel(channel, answers);
                return null;
            });
        }
    }

    /**
     * Runs a read and turns its believed answers into a value; answers the device agrees on that are not
     * values of the right form (IllegalArgumentException from {@code parse}) fail it as an unexpected reply.
     */
    <T> T read(Request r, Function<List<String>, T> parse) throws LinkLost {
        List<String> answers = runner.run(r);
        try {
            return parse.apply(answers);
        } catch (IllegalArgumentException e) {
            counters.count(Stat.UNEXPECTED);
            throw new UnexpectedReplyException(uri.toString(), r.text(), String.join(";", answers), e.getMessage());
        }
    }

    // ---- opening and recovering -------------------------------------------------------------------

    /**
     * Opens the port and brings the session up, retrying with exponential backoff for the reconnection
     * period. The first time it learns the device; afterwards it restores what the user chose.
     */
    void connect(boolean first) {
        long deadline = System.nanoTime() + options.reconnect().toNanos();
        long pause = options.backoff().toNanos();
        int attempts = 0;
        Exception last = null;
        while (!line.closing()) {
            attempts++;
            try {
                line.open();
                if (!line.synchronise()) {
                    throw new IOException("no answer to SYST:SYNC?");
                }
                if (first) {
                    learn();
                } else {
                    restore();
                }
                line.takeRestartNotice();
                return;
            } catch (IOException | LinkLost | RuntimeException e) {
                last = e;
                line.closeConnection();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            line.pauseFor(Math.min(pause, left));
            pause = Math.min(pause * 2, SerialOptions.MAX_BACKOFF.toNanos());
        }
        if (line.closing()) {
            throw closedException();
        }
        throw new DeviceUnavailableException(uri + ": " + (first ? "cannot open" : "not back") + " after " + attempts
                + " attempt(s) in " + options.reconnect().toMillis() + " ms: " + (last == null ? "?" : last.getMessage()),
                last);
    }

    /** Learns the device: identity, inputs, settings. The device is left disarmed, as the HAL expects. */
    private void learn() throws LinkLost {
        List<String> id = read(IDENTIFY, answers -> {
            long n = DeviceSettings.whole(answers.get(1));
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("channel count " + n + " is not in [1, 64]");
            }
            return answers;
        });
        int n = Integer.parseInt(id.get(1).trim());
        identity = id.get(0);
        settings = new DeviceSettings(n);
        stream.channels(n);
        armed = false;
        readSettings();
    }

    /** Puts back the user's choices and the acquisition state after a restart or reconnection. */
    private void restore() throws LinkLost {
        List<String> id = runner.run(IDENTIFY); // disarms first: no click is tagged with settings being restored
        if (!identity.equals(id.get(0))) {
            LOG.atWarn().log(() -> uri + ": the device now identifies as '" + id.get(0) + "', was '" + identity + "'");
        }
        if (!id.get(1).equals(Integer.toString(settings.channels()))) {
            throw new IllegalStateException("the device now has " + id.get(1) + " inputs, had " + settings.channels());
        }
        readSettings();
        for (DeviceSettings.Change c : settings.toRestore()) {
            DeviceSettings.Kind kind = c.kind();
            if (kind == null) {
                writeWindow(DeviceSettings.whole(c.value()), true);
            } else {
                write(kind, c.channel(), c.value(), true);
            }
        }
        if (armed) {
            acquire(true);
        }
    }

    /**
     * Recovers the device after the port failed, a restart notice, a failed resynchronisation or a silent
     * stream while armed. If it is not back within the reconnection period it is given up for good.
     */
    void recover(String why) {
        if (failure != null || line.closing()) {
            return;
        }
        recoveries.log("{}: recovering: {}", uri, why);
        stream.lineLost();
        line.closeConnection();
        try {
            connect(false);
            counters.count(Stat.RECONNECTS);
            LOG.atInfo().log(() -> uri + ": recovered (" + why + ")");
        } catch (DeviceUnavailableException e) {
            LOG.error("{}", e.getMessage());
            fail(e);
        } catch (IllegalStateException closedMeanwhile) {
            // close() was called while reconnecting: nothing to report
        }
    }

    /** Makes sure the next line read answers the next command; recovers the device if it does not echo. */
    void resynchronise() {
        try {
            if (line.synchronise()) {
                return;
            }
            recover("no answer to resynchronisation");
        } catch (LinkLost e) {
            recover(e.getMessage());
        }
    }

    /** Gives the device up: every waiting and later command, and the click stream, end with this error. */
    void fail(DeviceUnavailableException e) {
        failure = e;
        armed = false;
        stream.fail(e);
    }

    /** Leaves the device idle when closing: best effort, bounded by the reply timeout. */
    void disarmQuietly() {
        if (failure == null && line.connected() && armed) {
            try {
                // No resend: closing is bounded by two reply timeouts.
                new CommandRunner(line, 0, options.timeout().toMillis(), uri.toString(), counters)
                        .run(Request.write("ACQ:STOP", List.of("ACQ:STAT?"), List.of("0")));
            } catch (LinkLost | RuntimeException e) {
                LOG.atDebug().log(() -> uri + ": could not disarm while closing: " + e);
            }
        }
        armed = false;
    }

    IllegalStateException closedException() {
        return new IllegalStateException("serial detector controller " + uri + " is closed");
    }
}
