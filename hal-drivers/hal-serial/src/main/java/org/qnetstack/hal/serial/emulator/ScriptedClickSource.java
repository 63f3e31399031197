package org.qnetstack.hal.serial.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.qnetstack.hal.ClickEvent;

/**
 * Plays a fixed list of clicks once, from the first time the device is armed, in batches of at most
 * {@link #BATCH} clicks. A script file has one click per line, {@code <channel> <ps>} (channel from 0,
 * separated by spaces or a comma), tags non-decreasing; blank lines and lines starting with {@code #}
 * are ignored.
 */
public final class ScriptedClickSource implements ClickSource {
    /** Clicks per batch: the device sends a watermark after each. */
    public static final int BATCH = 100;

    private final List<ClickEvent> clicks;
    private int next;
    private boolean started;

    public ScriptedClickSource(List<ClickEvent> clicks) {
        new Batch(clicks, clicks.isEmpty() ? 0 : clicks.get(clicks.size() - 1).timePs() + 1); // validates the order
        this.clicks = List.copyOf(clicks);
    }

    /** Reads a script file; errors name the line. */
    public static ScriptedClickSource fromFile(Path file) throws IOException {
        List<ClickEvent> clicks = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long previous = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("[\\s,]+");
            String where = file + ":" + (i + 1) + ": ";
            if (parts.length != 2) {
                throw new IllegalArgumentException(where + "expected '<channel> <ps>', got '" + line + "'");
            }
            int channel;
            long ps;
            try {
                channel = Integer.parseInt(parts[0]);
                ps = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "channel and ps must be whole numbers, got '" + line + "'");
            }
            if (channel < 0 || ps < 0) {
                throw new IllegalArgumentException(where + "channel and ps must be ≥ 0, got '" + line + "'");
            }
            if (ps < previous) {
                throw new IllegalArgumentException(where + "time tags must not decrease (" + ps + " after " + previous + ")");
            }
            previous = ps;
            clicks.add(new ClickEvent(channel, ps));
        }
        return new ScriptedClickSource(clicks);
    }

    @Override
    public synchronized void acquisitionStarted(long watermarkPs) {
        started = true;
        notifyAll();
    }

    @Override
    public synchronized @Nullable Batch next(Duration maxWait) throws InterruptedException {
        if (!started || next >= clicks.size()) {
            wait(Math.max(1, maxWait.toMillis())); // not armed yet, or played out: heartbeats only
            return null;
        }
        int end = Math.min(clicks.size(), next + BATCH);
        // Keep clicks with one tag together: a watermark may pass a tag only once all its clicks are sent.
        while (end < clicks.size() && end > next && clicks.get(end).timePs() == clicks.get(end - 1).timePs()) {
            end--;
        }
        if (end == next) { // more clicks with one tag than a batch holds: send them all at once
            end = next + 1;
            while (end < clicks.size() && clicks.get(end).timePs() == clicks.get(next).timePs()) {
                end++;
            }
        }
        List<ClickEvent> part = clicks.subList(next, end);
        long watermark = end < clicks.size() ? clicks.get(end).timePs() : part.get(part.size() - 1).timePs() + 1;
        next = end;
        return new Batch(part, watermark);
    }

    /** Clicks not yet played. */
    public synchronized int remaining() {
        return clicks.size() - next;
    }
}
